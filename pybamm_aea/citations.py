"""BibTeX entries of the works the model and its parameter sets draw on, registered with PyBaMM's citations.

Each submodel registers the works it implements when it is built (``citations`` of
:class:`pybamm_aea.models.submodels.base.AEASubModel`), each parameter set lists the works its values come
from in ``values["citations"]`` (PyBaMM registers them when ``pybamm.ParameterValues`` is made), so that
``pybamm.print_citations()`` after a solve lists them (it needs ``pybtex``, PyBaMM's ``cite`` extra).
Works PyBaMM's own bibliography holds are named by its key (:data:`BRUGGEMAN1935`, :data:`WYCISK2022`,
:data:`BAKER2018`, :data:`MARQUIS2019`, :data:`MOHTAT2020`). A DOI is given only where it was checked.

The comment above each entry says how it was checked (session 40's audit): "verified" names the public record its
fields were compared with; "not verified" names the fields no public record was found for (they are left as the
citing module quotes them, not guessed). tests/test_citations.py checks that every work a parameter set or material
record lists resolves to an entry with its author, title, year and journal (or publisher).
"""

#: verified (the paper's first page, /work/shared/paper: title, authors, journal, DOI; volume 33 and article
#: number 2008723 as the paper's own "Adv. Mater. 2021, 33, 2008723" gives them)
LI2021 = """@article{Li2021AEA,
  title = {Dense All-Electrochem-Active Electrodes for All-Solid-State Lithium Batteries},
  author = {Li, Meiying and Liu, Tao and Shi, Zhe and Xue, Weijiang and Hu, Yong-sheng and
            Li, Hong and Huang, Xuejie and Li, Ju and Suo, Liumin and Chen, Liquan},
  journal = {Advanced Materials},
  volume = {33},
  pages = {2008723},
  year = {2021},
  doi = {10.1002/adma.202008723}
}"""

# --- keys of PyBaMM's CITATIONS.bib (its entries, checked by tests/test_citations.py) ----------------------------
#: Bruggeman, Ann. Phys. 416, 636 (1935): the Bruggeman factor of the solid network
BRUGGEMAN1935 = "Bruggeman1935"
#: Wycisk et al., J. Energy Storage 52, 105016 (2022): the one-state hysteresis of the lever-rule OCP
WYCISK2022 = "Wycisk2022"
#: Baker & Verbrugge, J. Electrochem. Soc. 165, A3952 (2018): the MSMR form of the Li-In OCP
BAKER2018 = "Baker2018"
#: Marquis et al., J. Electrochem. Soc. 166, A3693 (2019): PyBaMM's Marquis2019 set, whose LiCoO2 OCP (Dualfoil's)
#: the LiCoO2 record tabulates
MARQUIS2019 = "Marquis2019"
#: Mohtat et al., J. Electrochem. Soc. 167, 110561 (2020): PyBaMM's Mohtat2020 set (an NMC532 cell), whose NMC OCP
#: the NMC532 record tabulates
MOHTAT2020 = "Mohtat2020"

# --- the model's mechanisms --------------------------------------------------------------------------------------
#: verified (two public reference lists, one Crossref-checked): author, title, journal, 46(5), 1144-1160, 2013, DOI
BAZANT2013 = """@article{Bazant2013,
  title = {Theory of Chemical Kinetics and Charge Transfer based on Nonequilibrium Thermodynamics},
  author = {Bazant, Martin Z.},
  journal = {Accounts of Chemical Research},
  volume = {46},
  number = {5},
  pages = {1144--1160},
  year = {2013},
  doi = {10.1021/ar300145c}
}"""

#: verified (MPET's README and two reference lists): authors, title, journal, 164(11), E3291-E3310, 2017, DOI
SMITH2017 = """@article{Smith2017,
  title = {Multiphase Porous Electrode Theory},
  author = {Smith, Raymond B. and Bazant, Martin Z.},
  journal = {Journal of The Electrochemical Society},
  volume = {164},
  number = {11},
  pages = {E3291--E3310},
  year = {2017},
  doi = {10.1149/2.0171711jes}
}"""

#: not verified (no public record found in session 40, nor in session 46: pages, code and documentation searched for
#: its title and numbers): its fields as first written; no DOI. No value of the package is taken from it: it is cited
#: for the form of the chemical diffusivity of a mixed conductor (models.submodels.cathode_diffusion)
JAMNIK2003 = """@article{Jamnik2003,
  title = {Nanocrystallinity effects in lithium battery materials: Aspects of nano-ionics. {Part IV}},
  author = {Jamnik, Janko and Maier, Joachim},
  journal = {Physical Chemistry Chemical Physics},
  volume = {5},
  pages = {5215--5220},
  year = {2003}
}"""

#: verified (a library catalogue's Crossref record): title, journal, 2(6), 524-529, 2019, DOI, and the abstract's
#: 0.62 V vs Li of the Li+/(In-InLi) electrode; not verified: the authors after the first (as first written)
SANTHOSHA2019 = """@article{Santhosha2019,
  title = {The {Indium-Lithium} Electrode in Solid-State Lithium-Ion Batteries: Phase Formation, Redox Potentials,
           and Interface Stability},
  author = {Santhosha, A. L. and Medenbach, Lukas and Buchheim, Johannes Richard and Adelhelm, Philipp},
  journal = {Batteries & Supercaps},
  volume = {2},
  number = {6},
  pages = {524--529},
  year = {2019},
  doi = {10.1002/batt.201800149}
}"""

#: verified (a repository's code comment): title, first author, DOI; the other fields as first written
SRINIVASAN2004 = """@article{Srinivasan2004,
  title = {Discharge Model for the Lithium Iron-Phosphate Electrode},
  author = {Srinivasan, Venkat and Newman, John},
  journal = {Journal of The Electrochemical Society},
  volume = {151},
  number = {10},
  pages = {A1517--A1529},
  year = {2004},
  doi = {10.1149/1.1785012}
}"""

#: verified (a public reference list): author, title, journal, 221, 671-675, 1961 (the DOI that list gives is
#: another work's, not used)
HECKEL1961 = """@article{Heckel1961,
  title = {Density-Pressure Relationships in Powder Compaction},
  author = {Heckel, R. W.},
  journal = {Transactions of the Metallurgical Society of AIME},
  volume = {221},
  pages = {671--675},
  year = {1961}
}"""

# --- the parameter sets' sources ---------------------------------------------------------------------------------
#: verified (three public reference lists): authors, title, journal, 124, 1569, 1977, DOI; issue and last page
#: as first written
WEPPNER1977 = """@article{Weppner1977,
  title = {Determination of the Kinetic Parameters of Mixed-Conducting Electrodes and Application to the System
           {Li3Sb}},
  author = {Weppner, W. and Huggins, R. A.},
  journal = {Journal of The Electrochemical Society},
  volume = {124},
  number = {10},
  pages = {1569--1578},
  year = {1977},
  doi = {10.1149/1.2133112}
}"""

#: verified (public reference lists, two Crossref-checked): title, first author, journal, 10, 682, 2011, DOI; session
#: 45: every author, the title, the DOI and the abstract's 12 mS/cm at room temperature on a public copy of the
#: first page. The 24 kJ/mol once attributed to it is not on that page: paper_cell.E_A_LGPS states it as an assumption
KAMAYA2011 = """@article{Kamaya2011,
  title = {A lithium superionic conductor},
  author = {Kamaya, Noriaki and Homma, Kenji and Yamakawa, Yuichiro and Hirayama, Masaaki and Kanno, Ryoji and
            Yonemura, Masao and Kamiyama, Takashi and Kato, Yuki and Hama, Shigenori and Kawamoto, Koji and
            Mitsui, Akio},
  journal = {Nature Materials},
  volume = {10},
  pages = {682--686},
  year = {2011},
  doi = {10.1038/nmat3066}
}"""

#: verified (two public reference lists, one from the publisher's page): title, first author, journal, 135,
#: 975-978, 2013, DOI; the other authors as first written. Session 45 found no public copy of its text: the 0.356 eV
#: once attributed to it is stated as an assumption (paper_cell.E_A_LI3PS4_EV)
LIU2013 = """@article{Liu2013Li3PS4,
  title = {Anomalous High Ionic Conductivity of Nanoporous beta-{Li3PS4}},
  author = {Liu, Zengcai and Fu, Wujun and Payzant, E. Andrew and Yu, Xiang and Wu, Zili and Dudney, Nancy J. and
            Kiggans, Jim and Hong, Kunlun and Rondinone, Adam J. and Liang, Chengdu},
  journal = {Journal of the American Chemical Society},
  volume = {135},
  pages = {975--978},
  year = {2013},
  doi = {10.1021/ja3110895}
}"""

#: not verified (no public record of the article found in sessions 40 and 46): its fields as first written. Session 46:
#: a public thesis preview (coursehero 5634664) names Chianelli et al. for the atomic positions of stoichiometric
#: TiS2 (Ti at 0,0,0; S at 1/3,2/3,u, u ~ 1/4), the structure refinement this entry's title says. No value of the
#: package is taken from it (TiS2's 3.22 g/cm3 is the CRC Handbook's, Li2021_TiS2.RHO_TIS2)
CHIANELLI1975 = """@article{Chianelli1975,
  title = {Structure refinement of stoichiometric {TiS2}},
  author = {Chianelli, R. R. and Scanlon, J. C. and Thompson, A. H.},
  journal = {Materials Research Bulletin},
  volume = {10},
  pages = {1379},
  year = {1975}
}"""

#: not verified (no public record of the article found in sessions 40 and 46): its fields as first written. Session 46:
#: a public thesis abstract (UBC, open.library.ubc.ca 1.0085282) says LixTiS2's measured voltage agrees with
#: Thompson's (1978); the lattice-gas form once called Thompson's fit is not found there and is stated as an
#: assumption (Li2021_TiS2.tis2_ocp, materials.functions.RegularSolutionOCP)
THOMPSON1978 = """@article{Thompson1978,
  title = {Lithium Ordering in {LixTiS2}},
  author = {Thompson, A. H.},
  journal = {Physical Review Letters},
  volume = {40},
  pages = {1511},
  year = {1978}
}"""

#: verified (session 43: the publisher's abstract page, aps.org, and a public record of it with the DOI): authors,
#: title, journal, volume, article number, year, DOI, and the abstract's 0.41(1) eV and 148-510 K
#: (:data:`pybamm_aea.parameters.Li2021_TiS2.E_A_LI_HOPS`)
WILKENING2008 = """@article{Wilkening2008,
  title = {Li jump process in h-{Li0.7TiS2} studied by two-time {7Li} spin-alignment echo {NMR} and comparison with
           results on two-dimensional diffusion from nuclear magnetic relaxation},
  author = {Wilkening, M. and Heitjans, P.},
  journal = {Physical Review B},
  volume = {77},
  number = {2},
  pages = {024311},
  year = {2008},
  doi = {10.1103/PhysRevB.77.024311}
}"""

#: verified (session 43: a university research portal's record with the abstract, graz.pure.elsevier.com): authors,
#: title, journal, pages 1182-1187 (issue "Part 2"), 2005, and the abstract's 0.26(1) eV between 185 and 293 K; a misc
#: entry: its volume was not found; the publisher is the journal's (scientific.net). Cited beside :data:`WILKENING2008`
#: for LixTiS2 at x ~ 1 (not the value used)
WILKENING2005 = """@misc{Wilkening2005,
  title = {Ultraslow diffusion in polycrystalline h-{LiTiS2} studied by {7Li} spin-alignment echo {NMR} spectroscopy},
  author = {Wilkening, Martin and Heitjans, Paul},
  howpublished = {Defect and Diffusion Forum, Part 2, 1182--1187 (2005)},
  publisher = {Trans Tech Publications},
  year = {2005}
}"""

#: verified (two public reference lists): author, title, journal, 104(10), 4271-4302, 2004, DOI
WHITTINGHAM2004 = """@article{Whittingham2004,
  title = {Lithium Batteries and Cathode Materials},
  author = {Whittingham, M. Stanley},
  journal = {Chemical Reviews},
  volume = {104},
  number = {10},
  pages = {4271--4302},
  year = {2004},
  doi = {10.1021/cr020731c}
}"""

#: verified (session 43: two university library records with the abstract, refubium.fu-berlin.de and
#: tubiblio.ulb.tu-darmstadt.de): authors, title, journal, 108(21), 213906, 2016, DOI, and the abstract's numbers
#: dispersed_materials quotes (migration barriers 0.27 eV for the Li vacancy, 0.45 eV for interstitial Li; formation
#: energy 1.02 eV of interstitial Li, the vacancy's 0.13 eV higher)
MORADABADI2016 = """@article{Moradabadi2016,
  title = {Thermodynamics and kinetics of defects in {Li2S}},
  author = {Moradabadi, Ashkan and Kaghazchi, Payam},
  journal = {Applied Physics Letters},
  volume = {108},
  number = {21},
  pages = {213906},
  year = {2016},
  doi = {10.1063/1.4952434}
}"""

#: not verified (no public record found in sessions 40 and 46): journal, volume, first page and year as the Li4Ti5O12
#: records quote them, the rest as first written. Session 46: none of the numbers once attributed to it is checked
#: there; the 1.55 V and 175 mAh/g are cited to Julien & Mauger 2024's abstract, a = 8.36 A to the literature value
#: Teshima et al. 2011 quote, and Li7Ti5O12's a = 8.353 A is stated as an assumption (energy.materials records)
OHZUKU1995 = """@article{Ohzuku1995,
  title = {Zero-Strain Insertion Material of {Li[Li1/3Ti5/3]O4} for Rechargeable Lithium Cells},
  author = {Ohzuku, Tsutomu and Ueda, Atsushi and Yamamoto, Norihiro},
  journal = {Journal of The Electrochemical Society},
  volume = {142},
  number = {5},
  pages = {1431--1435},
  year = {1995}
}"""

#: verified (session 43: the article's first page, a public copy): authors, title, journal, 113, 224-230, 2009;
#: issue and DOI not found (left out)
WAGEMAKER2009 = """@article{Wagemaker2009,
  title = {Li-Ion Diffusion in the Equilibrium Nanomorphology of Spinel {Li4+xTi5O12}},
  author = {Wagemaker, Marnix and van Eck, Ernst R. H. and Kentgens, Arno P. M. and Mulder, Fokko M.},
  journal = {The Journal of Physical Chemistry B},
  volume = {113},
  pages = {224--230},
  year = {2009}
}"""

#: verified (session 43: its PubMed record with the abstract): title, journal, 9(10), 1239-1246, 2007, DOI, first
#: author, and the abstract's numbers the Li4Ti5O12 record quotes (jump rates 1 s-1 at 295 K to about 2200 s-1 at
#: 400 K, about 0.86 eV; 0.94(1) eV from conductivity); the other authors as first written
WILKENING2007 = """@article{Wilkening2007,
  title = {Ultraslow Li diffusion in spinel-type structured {Li4Ti5O12} - a comparison of results from solid state
           NMR and impedance spectroscopy},
  author = {Wilkening, Martin and Amade, Roger and Iwaniak, Wojciech and Heitjans, Paul},
  journal = {Physical Chemistry Chemical Physics},
  volume = {9},
  number = {10},
  pages = {1239--1246},
  year = {2007},
  doi = {10.1039/b616269j}
}"""

#: verified (public reference lists): authors, title, journal, 144(4), 1188-1194, 1997, DOI
PADHI1997 = """@article{Padhi1997,
  title = {Phospho-olivines as Positive-Electrode Materials for Rechargeable Lithium Batteries},
  author = {Padhi, A. K. and Nanjundaswamy, K. S. and Goodenough, J. B.},
  journal = {Journal of The Electrochemical Society},
  volume = {144},
  number = {4},
  pages = {1188--1194},
  year = {1997},
  doi = {10.1149/1.1837571}
}"""

#: verified (two repositories quoting its Crossref record): authors, title, journal, 139(8), 2091-2097, 1992, DOI
#: (one other public reference list gives 2091-2096; Crossref's 2097 is kept)
REIMERS1992 = """@article{Reimers1992,
  title = {Electrochemical and In Situ {X}-Ray Diffraction Studies of Lithium Intercalation in {LixCoO2}},
  author = {Reimers, J. N. and Dahn, J. R.},
  journal = {Journal of The Electrochemical Society},
  volume = {139},
  number = {8},
  pages = {2091--2097},
  year = {1992},
  doi = {10.1149/1.2221184}
}"""

#: verified (session 46: a public copy of the first page, datapdf.com): authors, title, journal, 10, 4471-4475, 2010,
#: DOI, and the abstract's literature lattice parameters of LiCoO2, a = 2.816 and c = 14.052 A
#: (materials.licoo2.CELL_LICOO2; their flux-grown crystals: 2.816 and 14.077 A)
TESHIMA2010 = """@article{Teshima2010,
  title = {Environmentally Friendly Growth of Well-Developed {LiCoO2} Crystals for Lithium-Ion Rechargeable
           Batteries Using a {NaCl} Flux},
  author = {Teshima, Katsuya and Lee, SunHyung and Mizuno, Yusuke and Inagaki, Hikaru and Hozumi, Masato and
            Kohama, Keiichi and Yubuta, Kunio and Shishido, Toetsu and Oishi, Shuji},
  journal = {Crystal Growth \\& Design},
  volume = {10},
  pages = {4471--4475},
  year = {2010},
  doi = {10.1021/cg100705d}
}"""

#: verified (the article's first page, a public copy): authors, title, journal (pubs.acs.org/cm: Chemistry of
#: Materials, ACS), 2013; a misc entry: its volume and pages were not found
BENYAHIA2013 = """@misc{BenYahia2013,
  title = {Phase Transition Mechanisms in {LixCoO2} (0.25 <= x <= 1) Based on Group-Subgroup Transformations},
  author = {Ben Yahia, Hamdi and Shikano, Masahiro and Kobayashi, Hironori},
  howpublished = {Chemistry of Materials (ACS, 2013)},
  publisher = {American Chemical Society},
  year = {2013}
}"""

#: verified (session 46: a university repository's record with the abstract, scholar.gist.ac.kr/handle/local/14995):
#: authors, title, Solid State Ionics 263, 110-118, 2014, DOI, and the abstract's finding the LiCoO2 record cites:
#: stoichiometric Li1CoO2 is a semiconductor, Li extraction makes LixCoO2 metallic (0.53 <= x <= 1). The abstract
#: gives no conductivity: the record's 1e-2 and 1 S/cm are stated as assumptions (materials.licoo2)
MILEWSKA2014 = """@article{Milewska2014,
  title = {The nature of the nonmetal-metal transition in {LixCoO2} oxide},
  author = {Milewska, A. and Świerczek, K. and Toboła, J. and Boudoire, F. and Hu, Y. and Bora, D. K. and
            Mun, B. S. and Braun, A. and Molenda, J.},
  journal = {Solid State Ionics},
  volume = {263},
  pages = {110--118},
  year = {2014},
  doi = {10.1016/j.ssi.2014.05.011}
}"""

#: verified (public reference lists, one Crossref-checked): first and last authors, journal, 9, 1135, 1999, DOI;
#: the title and the other authors as first written
MENETRIER1999 = """@article{Menetrier1999,
  title = {The insulator-metal transition upon lithium deintercalation from {LiCoO2}: electronic properties and
           {7Li} {NMR} study},
  author = {Ménétrier, M. and Saadoune, I. and Levasseur, S. and Delmas, C.},
  journal = {Journal of Materials Chemistry},
  volume = {9},
  number = {5},
  pages = {1135--1140},
  year = {1999},
  doi = {10.1039/a900016j}
}"""

#: a preprint, cited by its arXiv number; verified (arXiv's page, ar5iv): authors, title, arXiv:1005.4253 (2010);
#: its journal version was not checked
MIYOSHI2010 = """@misc{Miyoshi2010,
  title = {Magnetic and Electronic Properties of {LixCoO2} Single Crystals},
  author = {Miyoshi, K. and Iwai, C. and Kondo, H. and Miura, M. and Nishigori, S. and Takeuchi, J.},
  howpublished = {arXiv:1005.4253},
  publisher = {arXiv},
  year = {2010}
}"""

#: verified (public reference lists and COMSOL models' property notes): title, first and last authors, journal,
#: 11, 2142-2158, 2018, DOI; the other authors as first written
KOERVER2018 = """@article{Koerver2018,
  title = {Chemo-mechanical expansion of lithium electrode materials - on the route to mechanically optimized
           all-solid-state batteries},
  author = {Koerver, R. and Zhang, W. and de Biasi, L. and Schweidler, S. and Kondrakov, A. O. and Kolling, S. and
            Brezesinski, T. and Hartmann, P. and Zeier, W. G. and Janek, J.},
  journal = {Energy & Environmental Science},
  volume = {11},
  pages = {2142--2158},
  year = {2018},
  doi = {10.1039/C8EE00907D}
}"""

#: verified (a repository's reference list): first author (Hyung-Joo Noh), title, journal, 233, 121, 2013; the
#: other authors, the last page and the DOI as first written
NOH2013 = """@article{Noh2013,
  title = {Comparison of the structural and electrochemical properties of layered {Li[NixCoyMnz]O2} (x = 1/3, 0.5,
           0.6, 0.7, 0.8 and 0.85) cathode material for lithium-ion batteries},
  author = {Noh, Hyung-Joo and Youn, S. and Yoon, C. S. and Sun, Y.-K.},
  journal = {Journal of Power Sources},
  volume = {233},
  pages = {121--130},
  year = {2013},
  doi = {10.1016/j.jpowsour.2013.01.063}
}"""

#: verified (a repository's reference list quoting it): authors' first name (Sung-Yoon Chung), title, journal,
#: volume, first page, year; not verified: the other authors' initials, the last page, the DOI (left out)
CHUNG2002 = """@article{Chung2002,
  title = {Electronically conductive phospho-olivines as lithium storage electrodes},
  author = {Chung, Sung-Yoon and Bloking, Jason T. and Chiang, Yet-Ming},
  journal = {Nature Materials},
  volume = {1},
  pages = {123--128},
  year = {2002}
}"""

#: verified (the publisher's abstract page, found again in session 46): title, journal, DOI, the numbers the record
#: quotes (2.46 S/cm at 300 K, weakly activated, high from x ~ 0.04); not verified (no public record found in sessions
#: 40 and 46): volume and pages (as the Li4Ti5O12 record quotes them), authors (as recalled)
YOUNG2013 = """@article{Young2013,
  title = {Electronic Conductivity in the {Li4/3Ti5/3O4-Li7/3Ti5/3O4} System and Variation with State-of-Charge as a
           {Li} Battery Anode},
  author = {Young, David and Ransil, Alan and Amin, Ruhul and Li, Zheng and Chiang, Yet-Ming},
  journal = {Advanced Energy Materials},
  volume = {3},
  pages = {1125--1129},
  year = {2013},
  doi = {10.1002/aenm.201300134}
}"""

#: verified (session 46: a university repository's record with the abstract, kyushu-u.elsevierpure.com): authors,
#: title, journal, issue 10, 4401-4405, 2011, and the abstract's literature lattice parameter of Li4Ti5O12, a =
#: 0.836 nm (the energy model's Li4Ti5O12 record; their flux-grown crystals: 0.838 nm); a misc entry: its volume
#: and DOI were not seen
TESHIMA2011 = """@misc{Teshima2011,
  title = {Growth of well-developed {Li4Ti5O12} crystals by the cooling of a sodium chloride flux},
  author = {Teshima, Katsuya and Inagaki, Hikaru and Tanaka, Syohei and Yubuta, Kunio and Hozumi, Masato and
            Kohama, Keiichi and Shishido, Toetsu and Oishi, Shuji},
  howpublished = {Crystal Growth and Design, issue 10, 4401--4405 (2011)},
  journal = {Crystal Growth and Design},
  year = {2011}
}"""

#: partly verified (session 45: the reference list of Thackeray, Nat. Mater. 1, 81, 2002, on the publisher's page):
#: first author (C. H. Chen), journal, 148, A102-A104, 2001; not verified: the title, the other authors, the issue
#: (as recalled); DOI left out. Its text is not public here: the 1e-13 S/cm once attributed to it is cited to
#: Julien & Mauger 2024's abstract since session 46 (li4ti5o12.SIGMA_E_LI4TI5O12)
CHEN2001 = """@article{Chen2001,
  title = {Studies of {Mg}-Substituted {Li4-xMgxTi5O12} Spinel Electrodes (0 <= x <= 1) for Lithium Batteries},
  author = {Chen, C. H. and Vaughey, J. T. and Jansen, A. N. and Dees, D. W. and Kahaian, A. J. and Goacher, T. and
            Thackeray, M. M.},
  journal = {Journal of The Electrochemical Society},
  volume = {148},
  number = {1},
  pages = {A102--A104},
  year = {2001}
}"""

#: verified (the article's first page): authors, title, journal, volume, pages, year and the abstract's unit-cell
#: volume changes between 3.0 and 4.3 V vs Li, ~1.2 % (NCM111) and ~5.1 % (NCM811); issue 6 and DOI from a public
#: reference list (session 40)
KONDRAKOV2017 = """@article{Kondrakov2017,
  title = {Anisotropic Lattice Strain and Mechanical Degradation of High- and Low-Nickel {NCM} Cathode Materials for
           {Li}-Ion Batteries},
  author = {Kondrakov, Aleksandr O. and Schmidt, Alexander and Xu, Jin and Geßwein, Holger and Mönig, Reiner and
            Hartmann, Pascal and Sommer, Heino and Brezesinski, Torsten and Janek, Jürgen},
  journal = {The Journal of Physical Chemistry C},
  volume = {121},
  number = {6},
  pages = {3286--3294},
  year = {2017},
  doi = {10.1021/acs.jpcc.6b12885}
}"""

#: verified (two public reference lists): authors, title, journal, volume, pages, year, DOI
RICHARDS2016 = """@article{Richards2016,
  title = {Interface Stability in Solid-State Batteries},
  author = {Richards, William D. and Miara, Lincoln J. and Wang, Yan and Kim, Jae Chul and Ceder, Gerbrand},
  journal = {Chemistry of Materials},
  volume = {28},
  number = {1},
  pages = {266--273},
  year = {2016},
  doi = {10.1021/acs.chemmater.5b04082}
}"""

#: verified (the accepted manuscript's first page): authors, title, journal, year, DOI; volume 7 and first page
#: 23685 (a public reference list, session 40)
ZHU2015 = """@article{Zhu2015,
  title = {Origin of Outstanding Stability in the Lithium Solid Electrolyte Materials: Insights from Thermodynamic
           Analyses Based on First-Principles Calculations},
  author = {Zhu, Yizhou and He, Xingfeng and Mo, Yifei},
  journal = {ACS Applied Materials & Interfaces},
  volume = {7},
  pages = {23685--23693},
  year = {2015},
  doi = {10.1021/acsami.5b07517}
}"""

#: verified (a public reference list, found again in session 40): authors, title, journal, volume, pages, year; DOI
#: not found (left out). Argyrodite (Li6PS5X) electrolytes at Li metal, the interphase-growth law and resistive
#: layers paper_cell quotes
WENZEL2018 = """@article{Wenzel2018,
  title = {Interfacial reactivity and interphase growth of argyrodite solid electrolytes at lithium metal electrodes},
  author = {Wenzel, Sebastian and Sedlmaier, Stefan J. and Dietrich, Christian and Zeier, Wolfgang G. and
            Janek, Jürgen},
  journal = {Solid State Ionics},
  volume = {318},
  pages = {102--112},
  year = {2018}
}"""

#: verified (a public record of the abstract with its DOI, synapsesocial.com, session 40): first three authors, journal,
#: DOI, the LGPS|Li interphase (Li3P, Li2S, Li-Ge) growing with the square root of time; title, year, volume and
#: pages as recalled (not verified). Cited for the parabolic law of "interphase growth" and for its missing
#: temperature dependence (the work gives no activation energy)
WENZEL2016 = """@article{Wenzel2016,
  title = {Direct Observation of the Interfacial Instability of the Fast Ionic Conductor {Li10GeP2S12} at the
           Lithium Metal Anode},
  author = {Wenzel, Sebastian and Randau, Simon and Leichtweiß, Thomas and others},
  journal = {Chemistry of Materials},
  volume = {28},
  pages = {2400--2407},
  year = {2016},
  doi = {10.1021/acs.chemmater.6b00610}
}"""

#: partly verified (session 43: the citation of an ICSD entry it is the source of, gamma-Li3PS4, X-ray density 1.93
#: g/cm3, entered 2011): title and journal (Solid State Ionics); not verified: volume, first page and authors (as
#: paper_cell quotes and as recalled); DOI left out
HOMMA2011 = """@article{Homma2011,
  title = {Crystal structure and phase transitions of the lithium ionic conductor {Li3PS4}},
  author = {Homma, Kenji and Yonemura, Masao and Kobayashi, Takeshi and Nagao, Miki and Hirayama, Masaaki and
            Kanno, Ryoji},
  journal = {Solid State Ionics},
  volume = {182},
  pages = {53--58},
  year = {2011}
}"""

#: verified (the publisher's page): authors, title, journal, volume, article number, year, DOI, and the 1e-13 to
#: 1e-9 cm2/s range of Li transport in LTO and the 1e-13 S/cm electrical conductivity its abstract gives
JULIEN2024 = """@article{Julien2024,
  title = {Fabrication of {Li4Ti5O12} ({LTO}) as Anode Material for {Li}-Ion Batteries},
  author = {Julien, Christian M. and Mauger, Alain},
  journal = {Micromachines},
  volume = {15},
  number = {3},
  pages = {310},
  year = {2024},
  doi = {10.3390/mi15030310}
}"""

#: verified (a public copy of the article's first page, session 41): authors, title, journal, volume, pages, year, and
#: its 600 um LiCoO2 composite cathode layer (115.4 mg/cm2 of LiCoO2, 15.7 mA.h/cm2 at room temperature); DOI not
#: checked (left out). The thickest all-solid-state cathode reported: the upper end of "Cathode loading [kg.m-2]"
#: (:data:`pybamm_aea.models.checks.RANGES`)
KATO2018 = """@article{Kato2018,
  title = {All-Solid-State Batteries with Thick Electrode Configurations},
  author = {Kato, Yuki and Shiotani, Shinya and Morita, Keisuke and Suzuki, Kota and Hirayama, Masaaki and
            Kanno, Ryoji},
  journal = {The Journal of Physical Chemistry Letters},
  volume = {9},
  pages = {607--613},
  year = {2018}
}"""

#: verified (session 45: a university repository's record with the abstract, epub.ub.uni-muenchen.de/22657): authors,
#: title, journal, 6(12), 3548-3552, 2013, and the abstract's E_A ~ 0.22 eV of Li hopping in bulk LGPS, the public
#: value paper_cell.E_A_LGPS (an assumption) is compared with; DOI not seen (left out)
KUHN2013 = """@article{Kuhn2013,
  title = {Tetragonal {Li10GeP2S12} and {Li7GePS8} - exploring the {Li} ion dynamics in {LGPS} {Li} electrolytes},
  author = {Kuhn, Alexander and Duppel, Viola and Lotsch, Bettina V.},
  journal = {Energy & Environmental Science},
  volume = {6},
  number = {12},
  pages = {3548--3552},
  year = {2013}
}"""

#: the works of the paper's cell outside the cathode (:func:`pybamm_aea.parameters.paper_cell.cell_parameters`):
#: the paper, the separator layers' conductivities and densities, the electrolyte's stability window, the
#: interphase growth law (the Li-In anode's works are registered by its submodel,
#: :class:`pybamm_aea.models.submodels.anode.LithiumIndiumAnode`, the one that reads its OCP)
PAPER_CELL = (LI2021, KAMAYA2011, KUHN2013, LIU2013, HOMMA2011, ZHU2015, RICHARDS2016, WENZEL2016, WENZEL2018)


def bibtex_entries():
    """Every BibTeX string of this module (the keys of PyBaMM's bibliography left out)."""
    return {name: value for name, value in globals().items()
            if name.isupper() and isinstance(value, str) and value.lstrip().startswith("@")}
