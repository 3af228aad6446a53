terraform {
  required_version = ">= 1.8.0" # the oldest Terraform and OpenTofu tested (make compat)
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

# The same answer as the ekssize_max_pods_expression data source, usable in
# locals and validation blocks. Secondary IPs: m5.4xlarge is capped at 110.
locals {
  workers = provider::ekssize::max_pods_expression(["m5.large", "m5.4xlarge"])
}

output "expression" {
  value = local.workers.expression # "max_pods > 110 ? 110 : max_pods"
}

output "max_pods" {
  value = { for t, v in local.workers.values : t => v.max_pods } # { "m5.4xlarge" = 110, "m5.large" = 29 }
}

# m5.4xlarge (16 vCPUs) and m5.8xlarge (32 vCPUs) have the same nodeadm
# variables, so with prefix delegation no expression can give them 110 and 250.
# max_pods_limit = 110 makes them agree.
output "limited" {
  value = provider::ekssize::max_pods_expression(["m5.large", "m5.4xlarge", "m5.8xlarge"], {
    prefix_delegation = true
    max_pods_limit    = 110
  }).expression # "(max_pods - 2) * 16 + 2 > 110 ? 110 : (max_pods - 2) * 16 + 2"
}
