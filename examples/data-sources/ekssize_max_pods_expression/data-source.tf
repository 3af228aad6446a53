terraform {
  required_version = ">= 1.8.0" # the oldest Terraform and OpenTofu tested (make compat)
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

# One maxPodsExpression for a managed node group of mixed types with prefix
# delegation: every type has at most 30 vCPUs, so the EKS cap is 110 for all.
data "ekssize_max_pods_expression" "workers" {
  instance_types    = ["m5.large", "m5a.large", "m6i.xlarge", "c6i.2xlarge"]
  prefix_delegation = true
}

output "expression" {
  value = data.ekssize_max_pods_expression.workers.expression
  # "(max_pods - 2) * 16 + 2 > 110 ? 110 : (max_pods - 2) * 16 + 2"
}

output "m6i_xlarge" {
  value = data.ekssize_max_pods_expression.workers.values["m6i.xlarge"]
  # { max_pods = 110, kube_reserved_memory_mib = 1465, default_enis = 4, ips_per_eni = 15,
  #   nodeadm_default_max_pods = 58, in_nodeadm_table = true, formula = "4 ENIs x (15 - 1) prefixes x 16 IPs + 2 = 898, capped at 110 (eks: 4 vCPUs <= 30)" }
}

# Types on both sides of the 30-vCPU line get EKS caps of 110 and 250; where
# their nodeadm variables differ, the expression tells them apart by
# (default_enis, ips_per_eni).
data "ekssize_max_pods_expression" "two_caps" {
  instance_types    = ["m5.xlarge", "c5.9xlarge"]
  prefix_delegation = true
}

output "two_caps" {
  value = data.ekssize_max_pods_expression.two_caps.expression
  # "default_enis == 8 && ips_per_eni == 30 ? 250 : ((max_pods - 2) * 16 + 2 > 110 ? 110 : (max_pods - 2) * 16 + 2)"
}

# Custom networking: pods use every ENI but the primary one.
data "ekssize_max_pods_expression" "custom_networking" {
  instance_types    = ["m5.large", "m5.xlarge", "r5.xlarge"]
  custom_networking = true
}

output "custom_networking" {
  value = {
    expression = data.ekssize_max_pods_expression.custom_networking.expression # "(default_enis - 1) * (ips_per_eni - 1) + 2"
    max_pods   = { for t, v in data.ekssize_max_pods_expression.custom_networking.values : t => v.max_pods }
    # { "m5.large" = 20, "m5.xlarge" = 44, "r5.xlarge" = 44 }
  }
}
