# Interpolations containing strings that contain interpolations.
locals {
  b      = "bee"
  one    = "${ "a${local.b}" }"
  two    = "x${"y${"z${local.b}"}"}"
  call   = "${upper("pre-${local.b}-post")}"
  cond   = "${local.b == "bee" ? "is ${local.b}" : "not"}"
  braces = "${ {a = "${local.b}"}.a }"
  tuple  = "${ join(",", ["${local.b}", "c"]) }"
}
