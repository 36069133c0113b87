// Breaks the pom after the invoker has read it (the invoker itself cannot clone a broken pom):
// </plugins> goes missing. Then keeps the broken pom, to prove it is left byte for byte.
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('    </plugins>\n', '')
new File(basedir, 'pom.xml.before').bytes = pom.bytes
return true
