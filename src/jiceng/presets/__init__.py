"""Presets (预设): the local systems of the seed articles, each a plugin.

Every preset encodes what its article describes and names the article. They register
through the same entry-point group as third-party plugins (``jiceng.plugins``, in
jiceng's own ``pyproject.toml``), and `jiceng.plugins.default_registry()` holds them all.
"""

from __future__ import annotations

from jiceng.plugins import Plugin
from jiceng.presets import (
    dafang,
    fuquan,
    guiding,
    guiyang,
    heyuan,
    julu,
    langfang_guangyang,
    loudi,
    meitan,
    panzhou,
    qianan_xiangbala,
    shijiazhuang_qiaoxi,
    wengan,
    zhangjiakou_qiaoxi,
)

__all__ = ["PRESETS"]

PRESETS: tuple[Plugin, ...] = (
    loudi.PLUGIN,
    julu.PLUGIN,
    langfang_guangyang.PLUGIN,
    zhangjiakou_qiaoxi.PLUGIN,
    shijiazhuang_qiaoxi.PLUGIN,
    qianan_xiangbala.PLUGIN,
    guiding.PLUGIN,
    meitan.PLUGIN,
    wengan.PLUGIN,
    fuquan.PLUGIN,
    panzhou.PLUGIN,
    dafang.PLUGIN,
    guiyang.PLUGIN,
    heyuan.PLUGIN,
)
"""Every built-in preset, in the order of the seed articles' systems in the docs."""
