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

# With prefix delegation max pods is 110. Reserve for those 110 pods with the max_pods basis: 11 x 110 + 255 =
# 1465Mi. The default mirrors nodeadm, and Karpenter on AL2023 computes the same way: both reserve for the 58 ENI
# pods of an m5.xlarge (893Mi) however many pods the node runs.
locals {
  instance_type = "m5.xlarge"
  cni           = { prefix_delegation = true }
  kube_reserved = provider::ekssize::kube_reserved(local.instance_type, merge(local.cni, { kube_reserved_basis = "max_pods" }))
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

# kube-reserved memory as nodeadm (AL2023) reserves it: from eni_max_pods, even where max pods is capped
# (c5.4xlarge runs 110 pods but nodeadm reserves for 234).
output "kube_reserved_memory" {
  value = {
    for t in ["m5.large", "m5.2xlarge", "c5.4xlarge"] : t => provider::ekssize::kube_reserved(t).memory
  } # 574Mi, 893Mi, 2829Mi
}
