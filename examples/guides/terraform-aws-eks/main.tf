terraform {
  required_version = ">= 1.8.0" # the oldest Terraform and OpenTofu tested (make compat)
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

# One place for the VPC CNI settings: they configure the vpc-cni add-on and
# size the nodes, so the two cannot drift apart.
locals {
  vpc_cni = {
    prefix_delegation  = true
    warm_prefix_target = 1
  }
}

# aws_eks_addon.configuration_values (terraform-aws-eks: addons.vpc-cni.configuration_values).
data "ekssize_vpc_cni_configuration" "this" {
  prefix_delegation  = local.vpc_cni.prefix_delegation
  warm_prefix_target = local.vpc_cni.warm_prefix_target
}

# AL2023 (nodeadm): a NodeConfig part for cloudinit_pre_nodeadm.
data "ekssize_node_config" "al2023" {
  instance_type     = "m6i.xlarge"
  prefix_delegation = local.vpc_cni.prefix_delegation
}

# Bottlerocket: TOML for bootstrap_extra_args.
data "ekssize_node_config" "bottlerocket" {
  instance_type     = "m6i.xlarge"
  ami_family        = "bottlerocket"
  prefix_delegation = local.vpc_cni.prefix_delegation
}

# AL2 (bootstrap.sh, past end of support): arguments for bootstrap_extra_args.
data "ekssize_node_config" "al2" {
  instance_type     = "m6i.xlarge"
  ami_family        = "al2"
  prefix_delegation = local.vpc_cni.prefix_delegation
}

output "vpc_cni_configuration_values" {
  value = data.ekssize_vpc_cni_configuration.this.configuration_values # {"env":{"ENABLE_PREFIX_DELEGATION":"true","WARM_PREFIX_TARGET":"1"}}
}

# nodeadm_config and bottlerocket_settings_toml are sensitive (with cluster
# set they carry the cluster CA): module inputs take them as they are; an
# output needs sensitive = true.
output "cloudinit_pre_nodeadm" {
  value = [{
    content_type = "application/node.eks.aws"
    content      = data.ekssize_node_config.al2023.nodeadm_config
  }]
  sensitive = true
}

# Managed node group with an EKS Bottlerocket AMI (enable_bootstrap_user_data
# = false): the module passes bootstrap_extra_args as the whole user data,
# so it must carry its own [settings.kubernetes] header.
output "bottlerocket_bootstrap_extra_args_managed" {
  value     = data.ekssize_node_config.bottlerocket.bottlerocket_settings_toml
  sensitive = true
}

# Self-managed node group, or enable_bootstrap_user_data = true: the module
# writes [settings.kubernetes] itself and appends bootstrap_extra_args in it.
output "bottlerocket_bootstrap_extra_args_self_managed" {
  value = data.ekssize_node_config.bottlerocket.bottlerocket_settings
}

output "al2_bootstrap_extra_args" {
  value = data.ekssize_node_config.al2.al2_bootstrap_extra_args
}

# Karpenter: EC2NodeClass spec.kubelet, and the controller's RESERVED_ENIS.
output "karpenter_kubelet" {
  value = yamlencode(data.ekssize_node_config.al2023.karpenter_kubelet)
}

output "karpenter_reserved_enis" {
  value = data.ekssize_node_config.al2023.karpenter_reserved_enis # 0
}

output "max_pods" {
  value = data.ekssize_node_config.al2023.max_pods # 4 ENIs x (15 - 1) x 16 + 2 = 898, capped at 110 (4 vCPUs)
}
