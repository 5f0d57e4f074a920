"""The paper's own hosts, Mo6S8 and TiS2, as :class:`AEAMaterial` records.

Every function and number is the one of the registered sets ``Li2021_Mo6S8`` and ``Li2021_TiS2``
(referenced by name, not retyped): OCP branches and diffusivity from those modules, the compact's
electronic conductivity from the paper's Table S4 fit. Beyond x_max the records and the sets are the same too
(since session 30): TiS2's exchange-current density, the record's
(:class:`pybamm_aea.materials.functions.ExchangeCurrentDensity`, ``past_x_max=False``) and ``Li2021_TiS2``'s, is
the law of :func:`pybamm_aea.parameters.paper_cell.cathode_exchange_current_density_law` unclamped, NaN past
theta = 1.0001 (a lattice gas whose OCP has its pole at x_max holds no Li beyond it: no vacancies), and both are
flagged full at x_max (``"Cathode host full at maximum Li content"`` 1), so the multi-phase host's content events
end a solve at theta = 1 (:mod:`pybamm_aea.models.submodels.host_phase_field`), which is what keeps the solver off
the pole's far side; the Mo6S8 record and set, whose host holds Li beyond x_max, both clamp j0 there and are not
flagged full. One difference, the records' basis: each counts its initial Li (4e-3 Mo6S8, 1e-3 TiS2) as pressed
(``"Cathode host Li content as made"``, the host's molar mass that much M_Li lighter), the sets as inserted into
the Li-free host (0). The
records lack the Mo6S8 "ionic switch" (Li0 film) and the degradation fits of the full sets: use the sets for the
paper's cells, these records to vary a property of the host (e.g. its electronic conductivity) through the material
API.
"""
from .. import citations
from ..parameters import Li2021_Mo6S8 as _ms, Li2021_TiS2 as _ts, paper_cell
from ..energy.materials import get_material
from .material import OCP, AEAMaterial, TransportProperty


def mo6s8_compact_conductivity(eps, T):
    """Mo6S8 compact electronic conductivity [S.m-1], the paper's Table S4 fit vs porosity."""
    return paper_cell.conductivity_vs_porosity("Mo6S8")(eps, T)


def tis2_compact_conductivity(eps, T):
    """TiS2 compact electronic conductivity [S.m-1], the paper's Table S4 fit vs porosity."""
    return paper_cell.conductivity_vs_porosity("TiS2")(eps, T)


_M = "pybamm_aea.parameters"
MO6S8 = AEAMaterial(
    name="Mo6S8",
    formula="Mo6S8",
    molar_mass=_ms.M_MO6S8 * 1e3,
    density=_ms.RHO_MO6S8 / 1e3,
    delithiated_density=_ms.RHO_MO6S8 / 1e3,
    lithiated_density=get_material("Li4Mo6S8").density,
    x_max=_ms.X_MAX,
    initial_li_content=4e-3,
    ocp=OCP("function", function=f"{_M}.Li2021_Mo6S8:mo6s8_lithiation_ocp"),
    ocp_delithiation=OCP("function", function=f"{_M}.Li2021_Mo6S8:mo6s8_delithiation_ocp"),
    diffusivity=TransportProperty(function=f"{_M}.Li2021_Mo6S8:mo6s8_diffusivity"),
    host=f"{_M}.Li2021_Mo6S8:MO6S8_HOST",
    gradient_energy=_ms.GRADIENT_ENERGY,
    electronic_conductivity=TransportProperty(function="pybamm_aea.materials.paper_hosts:mo6s8_compact_conductivity"),
    lower_voltage=1.8,
    upper_voltage=2.8,
    references={"all": "Li et al., Adv. Mater. 33, 2008723 (2021), via the Li2021_Mo6S8 set"},
    citations=[citations.WEPPNER1977],
)

TIS2 = AEAMaterial(
    name="TiS2",
    formula="TiS2",
    molar_mass=_ts.M_TIS2 * 1e3,
    density=_ts.RHO_TIS2 / 1e3,
    delithiated_density=_ts.RHO_TIS2 / 1e3,
    lithiated_density=get_material("LiTiS2").density,
    x_max=_ts.X_MAX,
    initial_li_content=1e-3,
    ocp=OCP("function", function=f"{_M}.Li2021_TiS2:tis2_ocp"),
    diffusivity=TransportProperty(function=f"{_M}.Li2021_TiS2:tis2_diffusivity"),
    electronic_conductivity=TransportProperty(function="pybamm_aea.materials.paper_hosts:tis2_compact_conductivity"),
    lower_voltage=1.0,
    upper_voltage=3.0,
    references={"all": "Li et al., Adv. Mater. 33, 2008723 (2021), via the Li2021_TiS2 set"},
    citations=list(_ts.HOST_CITATIONS),
)
