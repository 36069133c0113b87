// Serves Kafka's connect-file jar over plain http from 127.0.0.1 on a free port, for -Durl, and
// passes the URL to the build through test.properties (the invoker's user properties file).
import com.sun.net.httpserver.HttpServer

def jar = new File(localRepositoryPath,
    "org/apache/kafka/connect-file/${kafkaVersion}/connect-file-${kafkaVersion}.jar")
def server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
server.createContext('/downloads/') { exchange ->
  def expected = "/downloads/${jar.name}"
  if (exchange.requestURI.path == expected) {
    exchange.sendResponseHeaders(200, jar.length())
    exchange.responseBody.withCloseable { it << jar.bytes }
  } else {
    exchange.sendResponseHeaders(404, -1)
    exchange.close()
  }
}
server.start()
context.server = server
def url = "http://127.0.0.1:${server.address.port}/downloads/${jar.name}"
context.url = url
context.sha256 = java.security.MessageDigest.getInstance('SHA-256').digest(jar.bytes).encodeHex().toString()
new File(basedir, 'test.properties').text = "url=${url}\ninsecure=true\n"
return true
