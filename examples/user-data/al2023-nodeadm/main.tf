# AL2023 user data: the NodeConfig from ekssize_node_config as a part of
# content type application/node.eks.aws in a cloud-init MIME multipart
# document, the form nodeadm reads from the launch template's user data. It is
# what terraform-aws-eks builds from cloudinit_pre_nodeadm, with the same
# settings (base64_encode = true, gzip = false, boundary "MIMEBOUNDARY").
#
# Needs the hashicorp/cloudinit provider besides ekssize. The examples test
# applies it when a cloudinit build is available (EKSSIZE_CLOUDINIT_DIR) and
# parses the rendered document back as nodeadm does.
terraform {
  required_version = ">= 1.8.0" # the oldest Terraform and OpenTofu tested (make compat)
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
    cloudinit = {
      source  = "hashicorp/cloudinit"
      version = ">= 2.3.0"
    }
  }
}

# m5.large with prefix delegation: 110 pods; kube-reserved memory as nodeadm
# computes it, from the ENI max pods (11 x 29 + 255 = 574Mi; the plan warns
# that this under-reserves, and kube_reserved_basis = "max_pods" reserves for
# 110 pods); 100m CPU and 200Mi for system daemons; a harder memory eviction
# threshold.
data "ekssize_node_config" "workers" {
  instance_type     = "m5.large"
  prefix_delegation = true
  system_reserved   = { cpu = "100m", memory = "200Mi" }
  eviction_hard     = { "memory.available" = "5%" }
}

data "cloudinit_config" "workers" {
  base64_encode = true # aws_launch_template.user_data takes base64
  gzip          = false
  boundary      = "MIMEBOUNDARY"

  # A shell script cloud-init runs; nodeadm ignores parts of other types.
  part {
    content_type = "text/x-shellscript"
    content      = "#!/bin/bash\necho 'before nodeadm'\n"
  }

  # The kubelet settings. For a managed node group with an EKS AMI, EKS adds
  # the cluster part; for a self-managed group or a custom AMI, set the
  # cluster attribute of ekssize_node_config so the NodeConfig is complete.
  part {
    content_type = "application/node.eks.aws"
    content      = data.ekssize_node_config.workers.nodeadm_config
  }
}

# user_data = data.cloudinit_config.workers.rendered in aws_launch_template.
output "user_data" {
  value = data.cloudinit_config.workers.rendered
}

# nodeadm_config is sensitive: with cluster set it carries the cluster CA.
output "nodeadm_config" {
  value     = data.ekssize_node_config.workers.nodeadm_config
  sensitive = true
}
