variable "aws_region" {
  description = "AWS region to deploy into"
  type        = string
  default     = "us-east-1"
}

variable "project_name" {
  description = "Name of the project, used as a prefix of every resource name"
  type = string
  default = "cicd-platform"
}

variable "github_owner" {
  description = "GitHub organisation or user that owns the repository"
  type        = string
}

variable "github_repo" {
    description = "GitHub repository the pipeline builds"
    type        = string
}

variable "github_branch" {
  description = "Branch that triggers the pipeline"
  type        = string
  default     = "main"
}

variable "notification_email" {
  description = "E-mail address subscribed to deployment notifications"
  type        = string
}

variable "lambda_runtime" {
  description = "Python runtime of the service functions"
  type        = string
  default     = "python3.12"
}
