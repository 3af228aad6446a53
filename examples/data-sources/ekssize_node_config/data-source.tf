terraform {
  required_version = ">= 1.8.0" # the oldest Terraform and OpenTofu tested (make compat)
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

# AL2023 (nodeadm), the default: kube-reserved and allocatable for m5.large.
data "ekssize_node_config" "al2023" {
  instance_type = "m5.large"
}

# Prefix delegation raises max pods to 110. kube_reserved_basis = "max_pods"
# reserves memory for those 110 pods: 11 x 110 + 255 = 1465 MiB. The AL2023
# default, "eni", mirrors nodeadm, which reserves for the 29 ENI pods (574 MiB)
# whatever max pods is (the provider warns that this is too little).
data "ekssize_node_config" "prefix" {
  instance_type       = "m5.large"
  prefix_delegation   = true
  kube_reserved_basis = "max_pods"
  system_reserved     = { cpu = "100m", memory = "200Mi" }
  eviction_hard       = { "memory.available" = "5%" }
}

# A node of a managed node group without a custom AMI: EKS writes max pods
# (110 with prefix delegation on an m5.large), so kube-reserved and allocatable
# follow that value.
data "ekssize_node_config" "managed" {
  instance_type       = "m5.large"
  prefix_delegation   = true
  launch_path         = "managed"
  kube_reserved_basis = "max_pods"
}

# Bottlerocket, with the cluster settings for a complete [settings.kubernetes].
data "ekssize_node_config" "bottlerocket" {
  instance_type = "m6g.xlarge"
  ami_family    = "bottlerocket"
  cluster = {
    name                  = "demo"
    api_server_endpoint   = "https://0123456789ABCDEF.gr7.us-west-2.eks.amazonaws.com"
    certificate_authority = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t"
    service_cidr          = "10.100.0.0/16"
  }
}

# Amazon Linux 2: arguments for bootstrap.sh.
data "ekssize_node_config" "al2" {
  instance_type = "c5.2xlarge"
  ami_family    = "al2"
}

output "allocatable" {
  # m5.large: { cpu_millicores = 1930, memory_mib = 6903, ephemeral_storage_mib = 17408, pods = 29 }
  value = data.ekssize_node_config.al2023.allocatable
}

output "managed_node_group" {
  # { max_pods = 110, kube_reserved_memory_mib = 1465, allocatable_pods = 110 }
  value = {
    max_pods                 = data.ekssize_node_config.managed.max_pods
    kube_reserved_memory_mib = data.ekssize_node_config.managed.kube_reserved_memory_mib
    allocatable_pods         = data.ekssize_node_config.managed.allocatable.pods
  }
}

output "kube_reserved" {
  # { cpu = "70m", memory = "1465Mi", ephemeral_storage = "1Gi" }
  value = data.ekssize_node_config.prefix.kube_reserved
}

# Sensitive: these two can carry cluster.certificate_authority.
# terraform output -raw nodeadm_config shows it.
output "nodeadm_config" {
  value     = data.ekssize_node_config.prefix.nodeadm_config
  sensitive = true
}

output "bottlerocket_settings_toml" {
  value     = data.ekssize_node_config.bottlerocket.bottlerocket_settings_toml
  sensitive = true
}

output "al2_bootstrap_extra_args" {
  value = data.ekssize_node_config.al2.al2_bootstrap_extra_args
}

# Ready for yamlencode into an EC2NodeClass spec.kubelet.
output "karpenter_kubelet" {
  value = data.ekssize_node_config.prefix.karpenter_kubelet
}

output "ebs_volume_limit" {
  value = data.ekssize_node_config.al2023.ebs_volume_limit # 26
}

# AL2023 with a nodeadm maxPodsExpression: max pods and kube-reserved are what
# nodeadm computes from the expression on this type (110 and 1465Mi), and
# nodeadm_config carries the expression, so the same document serves every
# type of a mixed node group (see ekssize_max_pods_expression).
data "ekssize_node_config" "expression" {
  instance_type       = "m5.large"
  prefix_delegation   = true
  max_pods_expression = "(max_pods - 2) * 16 + 2 > 110 ? 110 : (max_pods - 2) * 16 + 2"
}

output "nodeadm_config_expression" {
  value = nonsensitive(data.ekssize_node_config.expression.nodeadm_config) # no cluster section, so no CA in it
  # spec:
  #   kubelet:
  #     maxPodsExpression: "(max_pods - 2) * 16 + 2 > 110 ? 110 : (max_pods - 2) * 16 + 2"
}

# Batch form: the numbers of several types with the same settings, e.g. to show
# what each type of a mixed node group reserves and leaves allocatable.
data "ekssize_node_config" "mixed" {
  instance_types = ["m5.large", "m5a.large", "m6i.large"]
}

output "allocatable_memory_mib" {
  value = { for t, v in data.ekssize_node_config.mixed.by_instance_type : t => v.allocatable_memory_mib }
}
