# Terraform 0.11 style (a quoted type constraint, references only inside "${...}"):
# the migration would write ConnectionArn = var.github_connection_arn, a bare
# reference, which Terraform 0.11 cannot parse: reported instead.
variable "pipeline_role_arn" {
  type = "string"
}

variable "github_connection_arn" {
  type = "string"
}

data "aws_secretsmanager_secret_version" "legacy" {
  secret_id = "legacy/github"
}

resource "aws_codepipeline" "svc" {
  name     = "svc"
  role_arn = "${var.pipeline_role_arn}"

  stage {
    name = "Source"

    action {
      name     = "Source"
      category = "Source"
      owner    = "ThirdParty"
      provider = "GitHub"
      version  = "1"

      configuration = {
        Owner      = "acme"
        Repo       = "svc"
        Branch     = "main"
        OAuthToken = "${data.aws_secretsmanager_secret_version.legacy.secret_string}"
      }
    }
  }
}
