# Type constraints: primitives, collections, object({...}), optional(), legacy quoted types.
variable "s" {
  type = string
}

variable "legacy_string" {
  type = "string"
}

variable "legacy_list" {
  type = "list"
}

variable "legacy_map" {
  type = "map"
}

variable "coll" {
  type = map(list(set(number)))
}

variable "anything" {
  type    = any
  default = null
}

variable "tuple" {
  type = tuple([string, number, bool])
}

variable "obj" {
  type = object({
    name    = string
    size    = optional(number)
    enabled = optional(bool, true)
    tags    = optional(map(string), {})
    nested = optional(object({
      a = list(object({ b = string }))
    }), { a = [] })
  })
  default = { name = "x" }

  validation {
    condition     = length(var.obj.name) > 0
    error_message = "Name must not be empty."
  }
  sensitive = false
  nullable  = false
}
