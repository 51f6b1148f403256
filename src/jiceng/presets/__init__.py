"""Presets (预设): the local systems of the seed articles, each a plugin.

Every preset encodes what its article describes and names the article. Each is built
with the same `jiceng.plugins.PluginSpec` a third party would write and is published
under the same entry-point group (``jiceng.plugins``, in jiceng's own
``pyproject.toml``); `jiceng.plugins.default_registry()` holds them all, from `PRESETS`
(imported, not discovered, so that a source checkout finds them without reinstalling).
"""

from __future__ import annotations

from jiceng._plugins import Plugin
from jiceng.presets import (
    chongyang,
    dafang,
    emeishan,
    fangzheng,
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
    fangzheng.PLUGIN,
    emeishan.PLUGIN,
    chongyang.PLUGIN,
)
"""Every built-in preset, in the order of the seed articles' systems in the docs."""
