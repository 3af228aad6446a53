terraform {
  required_version = ">= 1.8.0" # the oldest Terraform and OpenTofu tested (make compat)
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

# The instance types a custom EKS Auto Mode NodePool may select (for example
# through eks.amazonaws.com/instance-family and instance-size requirements).
locals {
  nodepool_instance_types = ["m5.large", "m5.2xlarge", "c6i.4xlarge", "m4.large", "t3.medium"]
}

# What each node gets: the lower of 110 and ENIs x (IPv4 per ENI - 1), as the
# EKS User Guide publishes for Auto Mode. No prefix arithmetic and no "+ 2":
# an m5.large gets 27, not the 29 of eni-max-pods.txt nor the 110 of prefix
# delegation.
data "ekssize_max_pods" "auto_mode" {
  instance_types = local.nodepool_instance_types
  launch_path    = "auto_mode"

  lifecycle {
    postcondition {
      condition     = self.by_instance_type["m5.large"].max_pods == 27 && self.by_instance_type["m5.2xlarge"].max_pods == 56
      error_message = "Auto Mode max pods: ${jsonencode({ for t, r in self.by_instance_type : t => r.formula })}"
    }
  }
}

output "max_pods_by_type" {
  value = { for t, r in data.ekssize_max_pods.auto_mode.by_instance_type : t => r.max_pods }
  # { "c6i.4xlarge" = 110, "m4.large" = 18, "m5.2xlarge" = 56, "m5.large" = 27, "t3.medium" = 15 }
}

# The type with the fewest pods: size pod density (and pod disruption budgets,
# topology spread) for it, since Auto Mode may pick it.
output "fewest_pods" {
  value = "${data.ekssize_max_pods.auto_mode.node_group_limiting_type}: ${data.ekssize_max_pods.auto_mode.node_group_max_pods}" # "t3.medium: 15"
}

# The same number from the function, e.g. in a variable validation of a module
# that builds the NodePool.
variable "min_pods_per_node" {
  type    = number
  default = 20
}

output "types_with_enough_pods" {
  value = [
    for t in local.nodepool_instance_types : t
    if provider::ekssize::max_pods(t, { launch_path = "auto_mode" }) >= var.min_pods_per_node
  ] # ["m5.large", "m5.2xlarge", "c6i.4xlarge"]
}

# Auto Mode launches only the families AWS lists, no nano, micro or small size
# and nothing with 1 vCPU; asking for one of those (t3.micro, a1.large,
# m6g.medium) is an error that names the rule. Filter a candidate list with
# ekssize_instance_type or by name before asking.
