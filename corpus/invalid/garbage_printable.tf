# Printable garbage after a valid block.
variable "v" {}
@@ ^^ ~~ `backticks` ?? ;; & |
