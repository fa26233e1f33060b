variable "project_name" {
  description = "Prefix of every resource name."
  type        = string
  default     = "tffix-demo"
}
