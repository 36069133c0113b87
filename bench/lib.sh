# Helpers the benchmarks share; sourced, not run.

# The median of the numbers on stdin (whitespace-separated): the middle one, or for an even count
# the mean of the two middle ones (whole when both are whole, as the millisecond cases want).
median() {
  tr -s ' \t' '\n\n' | grep -v '^$' | sort -n | awk '
    { v[NR] = $1 }
    END {
      if (NR % 2) { print v[(NR + 1) / 2]; exit }
      a = v[NR / 2]; b = v[NR / 2 + 1]; m = (a + b) / 2
      if (a ~ /^-?[0-9]+$/ && b ~ /^-?[0-9]+$/) m = int(m)
      print m
    }'
}
