# A template if closed by endfor instead of endif.
locals {
  a = "%{ if true }yes%{ endfor }"
}
