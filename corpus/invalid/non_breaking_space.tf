# A no-break space (U+00A0) is not whitespace in HCL.
locals {
  a = 1
}
