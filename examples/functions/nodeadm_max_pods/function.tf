terraform {
  required_version = ">= 1.8.0" # the oldest Terraform and OpenTofu tested (make compat)
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

# nodeadm's default on AL2023 (no maxPodsExpression): 3 x (10 - 1) + 2 = 29.
output "m5_large_default" {
  value = provider::ekssize::nodeadm_max_pods("m5.large", "").max_pods # 29 ("" or null: no expression; OpenTofu needs "", see the description)
}

# Prefix delegation written as a maxPodsExpression, capped at 110 with a ternary
# (CEL has no min()): 3 x (10 - 1) x 16 + 2 = 434 -> 110; kube-reserved 11 x 110 + 255.
locals {
  prefix_110 = "default_enis * ((ips_per_eni - 1) * 16) + 2 > 110 ? 110 : default_enis * ((ips_per_eni - 1) * 16) + 2"
}

output "m5_large_prefix_delegation" {
  value = provider::ekssize::nodeadm_max_pods("m5.large", local.prefix_110, { prefix_delegation = true })
  # { max_pods = 110, kube_reserved_memory_mib = 1465, vpc_cni_max_pods = 434, exceeds_vpc_cni = false, ... }
}

# nodeadm's own table gives i7ie.48xlarge 15 ENIs, while the VPC CNI manages 8
# on its default network card: nodeadm's default hands out 737 pods, the VPC CNI
# can address 394.
output "i7ie_48xlarge" {
  value = {
    nodeadm = provider::ekssize::nodeadm_max_pods("i7ie.48xlarge", "").max_pods         # 737
    vpc_cni = provider::ekssize::nodeadm_max_pods("i7ie.48xlarge", "").vpc_cni_max_pods # 394
  }
}

# nodeadm ignores an expression that does not give a positive integer and uses
# its default; the function says why instead of failing.
output "fallback" {
  value = provider::ekssize::nodeadm_max_pods("m5.large", "max_pods - 30").fallback_reason
  # "the result -1 is not positive (max pods must be from 1 to 2147483647)"
}
