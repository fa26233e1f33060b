# x.0.1 scans "0.1" as a single number: chained legacy index is rejected.
locals {
  a = [[1]]
  b = local.a.0.1
}
