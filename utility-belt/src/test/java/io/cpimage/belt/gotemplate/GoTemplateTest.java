package io.cpimage.belt.gotemplate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Case by case against the text/template documentation (pkg.go.dev/text/template) and Go's fmt:
 * each expected output is what the documentation says Go prints.
 */
class GoTemplateTest {

  private static final Map<String, Object> DATA =
      Map.of(
          "Name",
          "kafka",
          "Empty",
          "",
          "Roles",
          List.of("broker", "controller"),
          "Props",
          Map.of("b", "2", "a", "1", "c", "3"));

  private static String render(String text) throws GoTemplateException {
    return GoTemplate.parse("t", text, Map.of()).execute(DATA);
  }

  private static String failure(String text) {
    return assertThrows(GoTemplateException.class, () -> render(text)).getMessage();
  }

  @Test
  void textOutsideActionsIsCopiedAndFieldsAreMapKeys() throws Exception {
    assertEquals("name=kafka\n", render("name={{.Name}}\n"));
    assertEquals("name=kafka", render("name={{ $.Name }}"));
  }

  @Test
  void trimMarkersRemoveAdjacentWhitespaceIncludingNewlines() throws Exception {
    // The documentation's example: "{{23 -}} < {{- 45}}" prints "23<45".
    assertEquals("23<45", render("{{23 -}} < {{- 45}}"));
    assertEquals("ab", render("a \n\t{{- \"\" -}}\n  b"));
    assertEquals("a \n|\n b", render("a \n{{ \"|\" }}\n b"));
  }

  @Test
  void aDashWithoutSpaceIsANegativeNumber() throws Exception {
    assertEquals("-3", render("{{-3}}"));
  }

  @Test
  void commentsPrintNothingAndMayTrim() throws Exception {
    assertEquals("ab", render("a{{/* a comment */}}b"));
    assertEquals("ab", render("a  {{- /* trimmed */ -}}  \n b"));
  }

  @Test
  void aMissingKeyPrintsNoValueAndIsFalse() throws Exception {
    assertEquals("<no value>", render("{{.Missing}}"));
    assertEquals("no", render("{{if .Missing}}yes{{else}}no{{end}}"));
    assertEquals("false", render("{{eq .Missing \"x\"}}"));
  }

  @Test
  void truthIsGoEmptiness() throws Exception {
    assertEquals(
        "0:f 1:t \"\":f x:t []:f [a]:t false:f",
        render(
            "0:{{if 0}}t{{else}}f{{end}} 1:{{if 1}}t{{else}}f{{end}} \"\":{{if \"\"}}t{{else}}f{{end}}"
                + " x:{{if \"x\"}}t{{else}}f{{end}} []:{{if .Empty}}t{{else}}f{{end}}"
                + " [a]:{{if .Roles}}t{{else}}f{{end}} false:{{if false}}t{{else}}f{{end}}"));
  }

  @Test
  void elseIfChainsShareOneEnd() throws Exception {
    String template =
        "{{if eq .Name \"zk\"}}zk{{else if eq .Name \"kafka\"}}kafka{{else}}other{{end}}";
    assertEquals("kafka", render(template));
  }

  @Test
  void withMovesDotAndHasAnElse() throws Exception {
    assertEquals("kafka", render("{{with .Name}}{{.}}{{end}}"));
    assertEquals("none", render("{{with .Empty}}{{.}}{{else}}none{{end}}"));
  }

  @Test
  void rangeOverAMapVisitsKeysInSortedOrder() throws Exception {
    assertEquals("a=1\nb=2\nc=3\n", render("{{range $k, $v := .Props}}{{$k}}={{$v}}\n{{end}}"));
    assertEquals("123", render("{{range .Props}}{{.}}{{end}}"));
  }

  @Test
  void rangeOverASliceGivesIndexAndElement() throws Exception {
    assertEquals(
        "0:broker 1:controller ", render("{{range $i, $r := .Roles}}{{$i}}:{{$r}} {{end}}"));
    assertEquals("empty", render("{{range .Missing}}x{{else}}empty{{end}}"));
  }

  @Test
  void breakAndContinueEndTheIterationOrTheLoop() throws Exception {
    assertEquals(
        "a", render("{{range $k, $v := .Props}}{{if eq $k \"b\"}}{{break}}{{end}}{{$k}}{{end}}"));
    assertEquals(
        "ac",
        render("{{range $k, $v := .Props}}{{if eq $k \"b\"}}{{continue}}{{end}}{{$k}}{{end}}"));
  }

  @Test
  void variablesAreDeclaredAssignedAndScopedToTheirBlock() throws Exception {
    // "$x = p" assigns: the value survives the if (Go 1.11+).
    assertEquals("2", render("{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}"));
    assertTrue(
        failure("{{if true}}{{$y := 1}}{{end}}{{$y}}").contains("undefined variable \"$y\""));
  }

  @Test
  void aPipedValueIsTheLastArgument() throws Exception {
    // The documentation: {{3 | printf "%d-%s" 7}} is printf "%d-%s" 7 3.
    assertEquals("7-%!s(int=3)", render("{{3 | printf \"%d-%s\" 7}}"));
    assertEquals("\"kafka\"", render("{{.Name | printf \"%q\"}}"));
  }

  @Test
  void parenthesizedArgumentsAreEvaluatedFirst() throws Exception {
    assertEquals("true", render("{{and (eq .Name \"kafka\") (ne (len .Roles) 0)}}"));
  }

  @Test
  void printfVerbs() throws Exception {
    assertEquals(
        "kafka 9092 [broker controller] \"a\\tb\" %!d(string=x) %!s(MISSING) 100%",
        render("{{printf \"%s %d %v %q %d %s 100%%\" .Name 9092 .Roles \"a\\tb\" \"x\"}}"));
    assertEquals("   42|x    ", render("{{printf \"%5d|%-5s\" 42 \"x\"}}"));
    assertEquals("a%!(EXTRA int=1)", render("{{printf \"a\" 1}}"));
  }

  @Test
  void printAddsSpacesOnlyBetweenNonStringsAndPrintlnAlways() throws Exception {
    assertEquals("ab1 2", render("{{print \"a\" \"b\" 1 2}}"));
    assertEquals("a b 1\n", render("{{println \"a\" \"b\" 1}}"));
  }

  @Test
  void andOrReturnAnOperandAndShortCircuit() throws Exception {
    assertEquals("", render("{{and .Empty .Name}}"));
    assertEquals("kafka", render("{{or .Empty .Name}}"));
    // The second operand would fail (len of nil); or stops at the first true one.
    assertEquals("kafka", render("{{or .Name (len .Missing)}}"));
    assertEquals("true", render("{{not .Empty}}"));
  }

  @Test
  void comparisons() throws Exception {
    assertEquals(
        "true true false true true",
        render("{{eq 1 2 1}} {{lt 1 2}} {{gt \"a\" \"b\"}} {{le 2 2}} {{ge 3.5 1.5}}"));
    assertTrue(failure("{{lt 1 \"a\"}}").contains("incompatible types for comparison"));
  }

  @Test
  void lenAndIndex() throws Exception {
    assertEquals(
        "5 2 3 controller 2 ",
        render(
            "{{len .Name}} {{len .Roles}} {{len .Props}} {{index .Roles 1}} {{index .Props \"b\"}} {{index .Props \"z\"}}"));
    assertTrue(failure("{{index .Roles 5}}").contains("index out of range: 5"));
  }

  @Test
  void maps_and_slices_print_as_fmt_does() throws Exception {
    assertEquals("map[a:1 b:2 c:3] [broker controller]", render("{{.Props}} {{.Roles}}"));
  }

  @Test
  void rawStringsKeepBackslashesAndNewlines() throws Exception {
    assertEquals("a\\n\nb", render("{{`a\\n\nb`}}"));
  }

  @Test
  void parseErrorsNameFileLineAndColumn() {
    assertEquals("template: t:2:3: function \"nope\" not defined", failure("x\n{{nope}}"));
    assertEquals("template: t:1:1: unclosed action", failure("{{.Name"));
    assertTrue(failure("{{if .Name}}x").startsWith("template: t:1:3: unexpected EOF"));
    assertTrue(failure("{{end}}").startsWith("template: t:1:3: unexpected {{end}}"));
    assertTrue(failure("{{break}}").contains("{{break}} outside {{range}}"));
    assertTrue(failure("{{$x = 1}}").contains("undefined variable \"$x\""));
    assertTrue(failure("{{\"a\" | \"b\"}}").contains("non executable command in pipeline stage 2"));
    assertTrue(failure("{{\"abc}}").contains("unterminated quoted string"));
  }

  @Test
  void executionErrorsNameFileLineAndColumn() {
    assertEquals(
        "template: t:1:8: executing \"t\": can't evaluate field X in type string",
        failure("{{1}}{{.Name.X}}"));
    assertTrue(failure("{{len .Missing}}").contains("error calling len: len of type <nil>"));
  }
}
