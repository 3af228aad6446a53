terraform {
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

# The provider has no configuration: it needs no credentials and makes no network calls.
provider "ekssize" {}
