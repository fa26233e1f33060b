# A template %{ if } directive with no %{ endif }.
locals {
  a = "%{ if true }yes"
}
