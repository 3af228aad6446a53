terraform {
  required_version = ">= 1.8.0" # the oldest Terraform and OpenTofu tested (make compat)
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

# The same attributes as the ekssize_instance_type data source.
output "m5_large" {
  value = provider::ekssize::instance_type("m5.large")
}

# Keep only the types that can run security groups for pods (trunking_compatible
# is null for types the VPC resource controller does not list).
locals {
  candidates = ["m5.large", "t3.large", "c6g.xlarge", "m4.large"]
}

output "security_groups_for_pods_types" {
  value = [
    for t in local.candidates : t
    if provider::ekssize::instance_type(t).trunking_compatible == true
  ]
}

# Group types by architecture for separate AMIs.
output "by_architecture" {
  value = {
    for t in local.candidates : t => one(provider::ekssize::instance_type(t).supported_architectures)
  }
}
