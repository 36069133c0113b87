// A connector zip with an entry that climbs out of the directory it is unpacked to.
import java.util.zip.ZipEntry
import java.util.zip.ZipOutputStream

def zip = new File(basedir, 'target/evil.zip')
zip.parentFile.mkdirs()
new ZipOutputStream(new FileOutputStream(zip)).withCloseable { out ->
  out.putNextEntry(new ZipEntry('lib/ok.txt'))
  out.write('fine'.bytes)
  out.putNextEntry(new ZipEntry('../../escaped.txt'))
  out.write('escaped'.bytes)
}
true
