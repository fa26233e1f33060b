resource "aws_codebuild_project" "build" {
  name           = "${var.project_name}-build"
  description    = "Validates and packages the infrastructure"
  service_role   = aws_iam_role.codebuild.arn
  encryption_key = aws_kms_key.pipeline_key.arn
  build_timeout  = 30

  artifacts {
    type = "CODEPIPELINE"
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/amazonlinux2-x86_64-standard:5.0"
    type         = "LINUX_CONTAINER"

    environment_variable {
      name  = "PROJECT_NAME"
      value = var.project_name
    }
  }

  logs_config {
    cloudwatch_logs {
      group_name = aws_cloudwatch_log_group.codebuild.name
    }
  }

  source {
    type      = "CODEPIPELINE"
    buildspec = <<-EOT
      version: 0.2
      phases:
        build:
          commands:
            - terraform fmt -check -recursive
            - terraform init -backend=false
            - terraform validate
    EOT
  }
}
