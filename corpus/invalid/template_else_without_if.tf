# A template else with no preceding if.
locals {
  a = "before %{ else } after"
}
