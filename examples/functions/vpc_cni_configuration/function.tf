terraform {
  required_version = ">= 1.8.0" # the oldest Terraform and OpenTofu tested (make compat)
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

locals {
  cni = { custom_networking = true, security_groups_for_pods = true }
}

# The vpc-cni add-on configuration for the same settings the sizing used. Merge
# keys of your own (here the ENIConfig subnets of custom networking) before encoding.
output "configuration_values" {
  value = jsonencode(merge(jsondecode(provider::ekssize::vpc_cni_configuration(local.cni)), {
    eniConfig = { create = true, region = "eu-west-1", subnets = { "eu-west-1a" = { id = "subnet-0123456789abcdef0" } } }
  }))
}

output "max_pods" {
  value = provider::ekssize::max_pods("m5.large", local.cni) # 1 ENI (3 - 1 custom networking - 1 trunk ENI) x 9 + 2 = 11
}
