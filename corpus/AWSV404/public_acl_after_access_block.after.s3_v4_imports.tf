# One-off imports for the AWS provider v4 S3 split (written by tffix, AWSV4).
#
# Provider v4 moved these bucket settings out of aws_s3_bucket into resources
# of their own. Creating them applies the same settings, so importing is
# optional: it keeps `terraform plan` free of creations where the buckets exist.
#
# Apply once in each existing environment (`terraform plan` shows the imports),
# then delete this file. A new environment must not carry it: importing a
# bucket that does not exist yet fails the plan ("Cannot import non-existent
# remote object").
#
# https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-4-upgrade#s3-bucket-refactor
# https://developer.hashicorp.com/terraform/language/import

# Imports that cannot be import blocks here (each line says why): run each
# command once in every environment whose bucket exists, then delete its line.
# aws_s3_bucket_acl.site: terraform import 'aws_s3_bucket_acl.site' 'example-public-site,public-read' (no import block: no required_version ensures Terraform >= 1.5 (import blocks))
