# Bottlerocket user data is a TOML document, not a cloud-init MIME document:
# Bottlerocket reads the whole user data as TOML settings. Give the launch
# template the TOML itself (base64-encoded, as aws_launch_template.user_data
# expects); wrapping it in cloudinit_config would make it invalid TOML.
terraform {
  required_version = ">= 1.8.0" # the oldest Terraform and OpenTofu tested (make compat)
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

# In a real configuration the cluster settings come from data.aws_eks_cluster.
data "ekssize_node_config" "bottlerocket" {
  instance_type     = "m6g.xlarge"
  ami_family        = "bottlerocket"
  prefix_delegation = true
  cluster = {
    name                  = "demo"
    api_server_endpoint   = "https://0123456789ABCDEF.gr7.us-west-2.eks.amazonaws.com"
    certificate_authority = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t"
    service_cidr          = "10.100.0.0/16"
  }
}

# A complete user data document: the [settings.kubernetes] table with its
# kube-reserved and eviction-hard tables, then tables of your own.
locals {
  bottlerocket_user_data = <<-EOT
    ${data.ekssize_node_config.bottlerocket.bottlerocket_settings_toml}
    [settings.kubernetes.node-labels]
    "example.com/pool" = "bottlerocket"
  EOT
}

# user_data = base64encode(local.bottlerocket_user_data) in aws_launch_template.
# Sensitive, like bottlerocket_settings_toml: it carries the cluster CA.
output "user_data" {
  value     = base64encode(local.bottlerocket_user_data)
  sensitive = true
}

# With terraform-aws-eks, whose Bottlerocket template already writes
# [settings.kubernetes] (cluster name, endpoint, CA, DNS IP) and appends
# bootstrap_extra_args inside that table: give it the dotted keys instead,
# so the table is not written twice.
output "bootstrap_extra_args" {
  value = data.ekssize_node_config.bottlerocket.bottlerocket_settings
}
