# A cluster sizing report: no AWS provider, no credentials, nothing downloaded.
terraform {
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

# General-purpose nodes: the VPC CNI defaults (one secondary IP per pod).
data "ekssize_max_pods" "general" {
  instance_type = "m5.large"
}

# Compute nodes: prefix delegation (a /28 of 16 IPs per ENI slot).
data "ekssize_max_pods" "compute" {
  instance_type     = "c6i.2xlarge"
  prefix_delegation = true
}

output "max_pods" {
  description = "kubelet max pods per node group, with the derivation."
  value = {
    for name, mp in { general = data.ekssize_max_pods.general, compute = data.ekssize_max_pods.compute } : name => {
      instance_type           = mp.instance_type
      max_pods                = mp.max_pods
      formula                 = mp.formula
    }
  }
}
