// Answers GET /config as Schema Registry does, on a free port of 127.0.0.1, and finds a port where
// nothing listens; both go to the build as -Dcp-image.* through test.properties.
import com.sun.net.httpserver.HttpServer

def server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
server.createContext('/config') { exchange ->
  def body = '{"compatibilityLevel":"BACKWARD"}'.bytes
  exchange.responseHeaders.add('Content-Type', 'application/vnd.schemaregistry.v1+json')
  exchange.sendResponseHeaders(200, body.length)
  exchange.responseBody.withCloseable { it << body }
}
server.start()
context.server = server
def dead = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())
context.deadPort = dead.localPort
dead.close()
context.registryPort = server.address.port
new File(basedir, 'test.properties').text =
    "cp-image.schemaRegistry=http://127.0.0.1:${context.registryPort}\n" +
    "cp-image.connect=http://127.0.0.1:${context.deadPort}\n"
return true
