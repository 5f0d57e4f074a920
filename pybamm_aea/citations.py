"""BibTeX entries of the works the parameter sets draw on, registered with PyBaMM's citations."""

LI2021 = """@article{Li2021AEA,
  title = {Dense All-Electrochem-Active Electrodes for All-Solid-State Lithium Batteries},
  author = {Li, Mengqi and Liu, Tao and Shi, Zhonghui and Xue, Wenhui and Hu, Yong-Sheng and
            Li, Hong and Huang, Xuejie and Li, Ju and Suo, Liumin and Chen, Liquan},
  journal = {Advanced Materials},
  volume = {33},
  pages = {2008723},
  year = {2021},
  doi = {10.1002/adma.202008723}
}"""
