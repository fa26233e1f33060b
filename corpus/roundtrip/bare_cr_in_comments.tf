# Bare carriage returns (no LF) inside comments are accepted: ab
locals {
  a = 1 // line comment with bare CRstill the same comment
  /* block comment with bare CRinside */
  b = 2
}
