package io.cpimage.build;

/** One way to get registry credentials, tried in the order given; docker config comes last. */
public sealed interface CredentialSource {

  /** A username and password and where they came from (logged; the secret never is). */
  record Known(String username, String password, String source) implements CredentialSource {
    @Override
    public String toString() {
      return "credentials from " + source;
    }
  }

  /** A docker credential helper, by suffix ({@code gcr}) or path. */
  record Helper(String helper) implements CredentialSource {}
}
