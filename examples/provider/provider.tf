terraform {
  required_version = ">= 1.8.0" # the oldest Terraform and OpenTofu tested (make compat)
  required_providers {
    ekssize = {
      source  = "ekssize/ekssize"
      version = "~> 0.1"
    }
  }
}

# The provider has no configuration: it needs no credentials and makes no network calls.
provider "ekssize" {}
