variable "org" {
  description = "Organisation prefix of every name"
  type        = string
  default     = "acme"
}

variable "app" {
  description = "Application name"
  type        = string
  default     = "fulfilment"
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "repository" {
  description = "GitHub repository as owner/name"
  type        = string
  default     = "acme/fulfilment"
}

variable "branch" {
  type    = string
  default = "main"
}

variable "python_runtime" {
  type    = string
  default = "python3.12"
}

variable "extra_tags" {
  type    = map(string)
  default = {}
}
