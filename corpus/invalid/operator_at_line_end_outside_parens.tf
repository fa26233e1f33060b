# A newline ends the expression unless it is inside brackets.
locals {
  a = 1 +
    2
}
