// A worker that answers GET / and GET /connector-plugins as Kafka Connect does, listing only the
// source connector of connect-file; its URL goes to the build as -Dcp-image.connect. A project's
// setup.groovy evaluates this script, which shares its binding (basedir, context: verify.groovy
// stops context.server).
import com.sun.net.httpserver.HttpServer

def answer = { exchange, String body ->
  def bytes = body.bytes
  exchange.responseHeaders.add('Content-Type', 'application/json')
  exchange.sendResponseHeaders(200, bytes.length)
  exchange.responseBody.withCloseable { it << bytes }
}
def server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
server.createContext('/') { exchange ->
  answer(exchange, '{"version":"3.9.1","commit":"it","kafka_cluster_id":"it"}')
}
server.createContext('/connector-plugins') { exchange ->
  answer(exchange, '[{"class":"org.apache.kafka.connect.file.FileStreamSourceConnector","type":"source","version":"3.9.1"}]')
}
server.start()
context.server = server
new File(basedir, 'test.properties').text = "cp-image.connect=http://127.0.0.1:${server.address.port}\n"
return true
