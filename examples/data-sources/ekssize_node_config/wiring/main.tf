# Documentation example: ekssize_node_config wired into node user data and a
# Karpenter EC2NodeClass. Unlike the other examples it needs the aws and
# cloudinit providers and an existing cluster, so the tests do not run it.

variable "cluster_name" {
  type = string
}

variable "node_role_name" {
  type = string
}

data "aws_eks_cluster" "this" {
  name = var.cluster_name
}

locals {
  cluster = {
    name                  = data.aws_eks_cluster.this.name
    api_server_endpoint   = data.aws_eks_cluster.this.endpoint
    certificate_authority = data.aws_eks_cluster.this.certificate_authority[0].data
    service_cidr          = data.aws_eks_cluster.this.kubernetes_network_config[0].service_ipv4_cidr
  }
}

# --- AL2023: a NodeConfig part in a cloud-init MIME document ----------------

data "ekssize_node_config" "al2023" {
  instance_type     = "m6i.large"
  prefix_delegation = true
  root_volume_size  = 50
  # A complete NodeConfig for a self-managed node or a custom AMI. Leave
  # cluster out for managed node groups without image_id (EKS writes the
  # cluster section) or use nodeadm_config as terraform-aws-eks
  # cloudinit_pre_nodeadm content.
  cluster = local.cluster
}

data "aws_ssm_parameter" "al2023" {
  name = "/aws/service/eks/optimized-ami/${data.aws_eks_cluster.this.version}/amazon-linux-2023/x86_64/standard/recommended/image_id"
}

data "cloudinit_config" "al2023" {
  gzip          = false
  base64_encode = true

  part {
    content_type = "application/node.eks.aws"
    content      = data.ekssize_node_config.al2023.nodeadm_config
  }
}

resource "aws_launch_template" "al2023" {
  name_prefix   = "${var.cluster_name}-al2023-"
  image_id      = data.aws_ssm_parameter.al2023.value
  instance_type = "m6i.large"
  user_data     = data.cloudinit_config.al2023.rendered

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 50 # the root_volume_size allocatable was computed with
      volume_type = "gp3"
    }
  }
}

# --- Bottlerocket: TOML user data ---------------------------------------------

data "ekssize_node_config" "bottlerocket" {
  instance_type = "m6g.xlarge"
  ami_family    = "bottlerocket"
  cluster       = local.cluster
}

resource "aws_launch_template" "bottlerocket" {
  name_prefix   = "${var.cluster_name}-bottlerocket-"
  instance_type = "m6g.xlarge"
  # The complete [settings.kubernetes] document, then any other tables. When
  # your own user data already writes [settings.kubernetes], paste
  # bottlerocket_settings inside it instead.
  user_data = base64encode(<<-EOT
    ${data.ekssize_node_config.bottlerocket.bottlerocket_settings_toml}
    [settings.kubernetes.node-labels]
    "example.com/pool" = "bottlerocket"
  EOT
  )
}

# --- Karpenter: spec.kubelet of an EC2NodeClass -------------------------------

data "ekssize_node_config" "karpenter" {
  instance_type     = "m6i.large"
  prefix_delegation = true
  system_reserved   = { cpu = "100m", memory = "100Mi" }
}

locals {
  ec2nodeclass = yamlencode({
    apiVersion = "karpenter.k8s.aws/v1"
    kind       = "EC2NodeClass"
    metadata   = { name = "m6i-large" }
    spec = {
      role                       = var.node_role_name
      amiSelectorTerms           = [{ alias = "al2023@latest" }]
      subnetSelectorTerms        = [{ tags = { "karpenter.sh/discovery" = var.cluster_name } }]
      securityGroupSelectorTerms = [{ tags = { "karpenter.sh/discovery" = var.cluster_name } }]
      kubelet                    = data.ekssize_node_config.karpenter.karpenter_kubelet
    }
  })
}

# Apply local.ec2nodeclass with your Kubernetes tooling (kubectl_manifest
# yaml_body, a Helm chart value, GitOps). Give the Karpenter controller the
# matching RESERVED_ENIS (Helm value settings.reservedENIs):
output "karpenter_reserved_enis" {
  value = data.ekssize_node_config.karpenter.karpenter_reserved_enis
}

output "ec2nodeclass" {
  value = local.ec2nodeclass
}
