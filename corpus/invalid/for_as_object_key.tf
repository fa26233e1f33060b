# A bare "for" as the first object key starts a for expression.
locals {
  a = { for = 1 }
}
