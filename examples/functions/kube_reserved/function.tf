terraform {
  required_version = ">= 1.8.0" # the oldest Terraform and OpenTofu tested (make compat)
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

# As nodeadm computes it for 2 vCPUs and 29 max pods: 70m CPU, 11 x 29 + 255 = 574Mi, 1Gi.
output "m5_large" {
  value = provider::ekssize::kube_reserved("m5.large")
}

# With prefix delegation max pods is 110, so kube-reserved memory is 1465Mi.
locals {
  instance_type = "m5.xlarge"
  cni           = { prefix_delegation = true }
  kube_reserved = provider::ekssize::kube_reserved(local.instance_type, local.cni)
}

# A Karpenter EC2NodeClass kubelet block whose max pods and kube-reserved agree.
output "ec2nodeclass_kubelet" {
  value = yamlencode({
    kubelet = {
      maxPods = provider::ekssize::max_pods(local.instance_type, local.cni)
      kubeReserved = {
        cpu                 = local.kube_reserved.cpu
        memory              = local.kube_reserved.memory
        "ephemeral-storage" = local.kube_reserved.ephemeral_storage
      }
    }
  })
}

# kube-reserved memory grows with max pods: compare candidate types.
output "kube_reserved_memory" {
  value = {
    for t in ["m5.large", "m5.2xlarge", "c5.4xlarge"] : t => provider::ekssize::kube_reserved(t).memory
  } # 574Mi, 893Mi, 1465Mi
}
