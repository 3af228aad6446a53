terraform {
  required_version = ">= 1.8.0" # the oldest Terraform and OpenTofu tested (make compat)
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

# Secondary-IP mode (the VPC CNI default): 3 ENIs x (10 - 1) IPs + 2 = 29.
data "ekssize_max_pods" "default" {
  instance_type = "m5.large"
}

# Prefix delegation: 3 x (10 - 1) x 16 + 2 = 434, capped at 110 for 2 vCPUs.
data "ekssize_max_pods" "prefix" {
  instance_type     = "m5.large"
  prefix_delegation = true
  cni_version       = "v1.19.2-eksbuild.1"
}

# Custom networking and security groups for pods each take one ENI.
data "ekssize_max_pods" "custom_networking" {
  instance_type            = "m5.2xlarge"
  custom_networking        = true
  security_groups_for_pods = true
}

# An instance type newer than the embedded table, described by its limits
# (for example from data.aws_ec2_instance_type).
data "ekssize_max_pods" "new_type" {
  instance = {
    network_interfaces           = 4
    ipv4_addresses_per_interface = 15
    vcpus                        = 8
  }
}

# A managed node group without a custom AMI: EKS computes max pods itself, caps
# it at 110 below 30 vCPUs and 250 above, and applies the smallest value of the
# group's types to every node, over any maxPods in the user data.
data "ekssize_max_pods" "managed_group" {
  instance_types    = ["m5.8xlarge", "m5.large", "c5.large"]
  prefix_delegation = true
  launch_path       = "managed"
}

# Windows with prefix delegation (enable-windows-prefix-delegation): the VPC
# resource controller puts (10 - 1) /28 prefixes on the primary ENI, 144
# addresses; kubelet's default keeps max pods at 110.
data "ekssize_max_pods" "windows_prefix" {
  instance_type     = "m5.large"
  os                = "windows"
  prefix_delegation = true
}

output "windows_prefix" {
  value = {
    max_pods      = data.ekssize_max_pods.windows_prefix.max_pods          # 110
    pod_addresses = data.ekssize_max_pods.windows_prefix.max_pods_uncapped # 144
  }
}

output "managed_node_group" {
  value = {
    max_pods      = data.ekssize_max_pods.managed_group.node_group_max_pods                     # 110 on every node
    limiting_type = data.ekssize_max_pods.managed_group.node_group_limiting_type                # "m5.large"
    m5_8xlarge    = data.ekssize_max_pods.managed_group.by_instance_type["m5.8xlarge"].max_pods # 250 alone
  }
}

output "max_pods" {
  value = {
    default           = data.ekssize_max_pods.default.max_pods           # 29
    prefix            = data.ekssize_max_pods.prefix.max_pods            # 110
    custom_networking = data.ekssize_max_pods.custom_networking.max_pods # 2 x 14 + 2 = 30
    new_type          = data.ekssize_max_pods.new_type.max_pods          # 58
  }
}

# Ready for an AL2 launch template or terraform-aws-eks bootstrap_extra_args.
output "bootstrap_extra_args" {
  value = data.ekssize_max_pods.prefix.bootstrap_extra_args
}

output "formula" {
  value = data.ekssize_max_pods.prefix.formula
}
