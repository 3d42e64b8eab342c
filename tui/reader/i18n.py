"""The reader's interface language: English or Chinese, chosen once at start-up.

Every string the reader shows (labels, keys, help, status line, notifications, palette entries)
is written in English in the code and passed through tr(); ZH holds its Chinese. Article text is
content and is never translated. A test checks that every tr() literal in tui/reader has an entry.
"""
from __future__ import annotations

import os
from collections.abc import Mapping

LANGS = ("en", "zh")
_current = "en"

# Gettext's order: LANGUAGE may list several languages, the first one counts.
_LOCALE_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def detect(env: Mapping[str, str] | None = None) -> str:
    """zh when the locale is Chinese (zh_CN.UTF-8, zh_TW, zh…), en otherwise."""
    env = os.environ if env is None else env
    for var in _LOCALE_VARS:
        value = (env.get(var) or "").split(":")[0].strip()
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def set_language(lang: str | None) -> str:
    global _current
    _current = lang if lang in LANGS else detect()
    return _current


def language() -> str:
    return _current


def tr(text: str, **values) -> str:
    """text in the interface language, with {name} fields filled from values."""
    out = ZH.get(text, text) if _current == "zh" else text
    return out.format(**values) if values else out


ZH: dict[str, str] = {
    # panes and labels
    "Districts": "区县",
    "Articles": "文章",
    "Article": "正文",
    "All": "全部",
    "(no article selected)": "（没有选中的文章）",
    "(untitled)": "（无题）",
    "(continued)": "（上接）",
    "continued from an earlier page": "上接前版",
    "page {n}": "第{n}版",
    "photo": "图片新闻",
    "{n}×": "{n}处",
    "search: literal text, spaces = all words": "搜索：原文匹配，空格分隔多个词",
    "search (spaces = all words)": "搜索（空格分隔多个词）",
    "Search for commands…": "搜索命令…",
    "Search for themes…": "搜索主题…",
    # status line
    "article {i}/{n}": "第 {i}/{n} 篇",
    "{hits} hits in {n} articles": "{n} 篇中 {hits} 处",
    "{n} articles": "{n} 篇",
    "1 article": "1 篇",
    "1 hit in 1 article": "1 篇中 1 处",
    "{hits} hits in 1 article": "1 篇中 {hits} 处",
    "hit {i}/{n}": "第 {i}/{n} 处",
    "no articles": "没有文章",
    "reloading the seeds: {done}/{total} pages": "重新载入样例版面：{done}/{total}",
    # notifications
    "No search: press / to search": "没有搜索：按 / 开始搜索",
    "No more hits": "没有更多命中",
    "Last article": "已是最后一篇",
    "First article": "已是第一篇",
    "Nothing new since the list was read": "自上次读取以来没有新文章",
    "{n} new articles": "新增 {n} 篇文章",
    "Articles were loaded again": "文章已重新载入",
    "Keyword highlighting on": "关键词高亮：开",
    "Keyword highlighting off": "关键词高亮：关",
    "No seeds/ folder here": "这里没有 seeds/ 文件夹",
    "The seed pages go only into the default database": "样例版面只载入默认数据库",
    "Reloaded {n} seed pages": "已重新载入 {n} 个样例版面",
    "Reloading the seeds failed: {reason}": "重新载入样例版面失败：{reason}",
    "Cannot read {db}: {err}. Run 'cqdaily load --rebuild'.": "无法读取 {db}：{err}。请运行 'cqdaily load --rebuild'。",
    "{db} was rebuilt by another program: that change was not kept, make it again":
        "{db} 已被另一个程序重建：刚才的标记未保存，请再做一次",
    "{db} was rebuilt by another program: its lists were read again": "{db} 已被另一个程序重建：列表已重新读取",
    # key descriptions (footer: short; help and README: long)
    "Quit": "退出",
    "quit": "退出",
    "Help": "帮助",
    "this help": "本帮助",
    "Search": "搜索",
    "search titles and bodies as you type (literal text; spaces = all words)": "边输入边搜索标题和正文（原文匹配；空格分隔的词须全部出现）",
    "Clear": "清除",
    "clear the search (or hide the districts shown by 1)": "清除搜索（或隐藏按 1 显示的区县栏）",
    "District": "区县",
    "show the districts (hidden in narrow terminals) and move there": "显示区县栏（窄终端中隐藏）并移到那里",
    "List": "列表",
    "move to the article list": "移到文章列表",
    "move to the article": "移到正文",
    "Next": "下一篇",
    "next article, from anywhere (at the end of the list it says so)": "下一篇文章，任何地方可用（到列表末尾时提示）",
    "Prev": "上一篇",
    "previous article, from anywhere": "上一篇文章，任何地方可用",
    "Hit": "下一处",
    "next hit, then the first hit of the next article with hits": "下一处命中，然后是下一篇有命中文章的第一处",
    "Prev hit": "上一处",
    "previous hit, then the last hit of the previous article with hits": "上一处命中，然后是上一篇有命中文章的最后一处",
    "Keywords": "关键词",
    "keyword highlighting on / off (each article's key words, found by the loader)": "关键词高亮开 / 关（载入时为每篇文章找出的关键词）",
    "Refresh": "刷新",
    "refresh: show articles loaded by another process (also checked every few seconds)": "刷新：显示其他进程新载入的文章（每隔几秒也会自动检查）",
    "palette": "命令",
    "command palette: districts, articles by title, reload the seeds, theme": "命令面板：跳到区县、按标题打开文章、重新载入样例版面、主题",
    "next pane": "下一栏",
    "previous pane": "上一栏",
    "Down": "下",
    "down": "下移",
    "Up": "上",
    "up": "上移",
    "Top": "顶部",
    "first row": "第一行",
    "Bottom": "底部",
    "last row, also of a long list": "最后一行（长列表也直达末尾）",
    "Open": "打开",
    "open the highlighted article, or the highlighted district's list": "打开选中的文章，或选中区县的文章列表",
    "Page down": "下一页",
    "page down": "向下翻页",
    "Page up": "上一页",
    "page up": "向上翻页",
    "scroll down a line": "向下滚动一行",
    "scroll up a line": "向上滚动一行",
    "top of the article": "文章开头",
    "end of the article": "文章末尾",
    "Earlier": "更早",
    "earlier search (the last 200 are kept across sessions)": "更早的搜索（跨会话保留最近 200 条）",
    "Later": "较晚",
    "later search": "较晚的搜索",
    "Close": "关闭",
    "close the help": "关闭帮助",
    "scroll the help": "滚动帮助",
    "top of the help": "帮助开头",
    "end of the help": "帮助末尾",
    "enter": "回车",
    # help screen
    "Everywhere": "全局",
    "Lists (districts, articles)": "列表（区县、文章）",
    "Search box": "搜索框",
    "Help screen": "帮助页",
    "Marks": "标记",
    "a photo (picture news)": "图片新闻",
    "hits of the search in this article": "本文中的搜索命中数",
    "hits of the search; the current one brighter": "搜索命中；当前命中更醒目",
    "underlined": "下划线",
    "the article's key words (h turns them off)": "文章关键词（按 h 关闭）",
    "highlighted": "高亮",
    "Keys": "按键",
    "Below {wide} columns the districts hide (1 shows them); below {narrow} the list sits above the article.":
        "终端窄于 {wide} 列时区县栏隐藏（按 1 显示）；窄于 {narrow} 列时列表位于正文上方。",
    "Database: {path}": "数据库：{path}",
    # issue 13: editions, read marks, stars, saved searches, related stories, text out
    "Dates": "日期",
    "sidebar: districts or dates (years → dates → pages, with unread/total); enter lists an edition":
        "侧栏：区县或日期（年 → 日期 → 版，附未读/总数）；回车列出该期",
    "Prev edition": "上一期",
    "previous edition (the day's paper, in page order), from anywhere": "上一期报纸（按版序），任何地方可用",
    "Next edition": "下一期",
    "next edition, from anywhere": "下一期报纸，任何地方可用",
    "Read/unread": "已读/未读",
    "mark the open article read / unread (one you move to or open counts as read after a moment, or scrolled)":
        "把打开的文章标为已读 / 未读（移到或打开的文章片刻后即算已读，滚动亦然）",
    "All read": "全部已读",
    "mark the whole list read (U undoes it)": "把整个列表标为已读（U 撤销）",
    "Undo read": "撤销已读",
    "All districts": "全部区县",
    "all districts, the search kept (the status line says when other districts hold more matches)":
        "显示全部区县，保留搜索（其他区县有更多结果时状态栏会提示）",
    "All districts are shown": "已显示全部区县",
    "{n} in all districts: a searches them all": "全部区县共 {n} 篇：按 a 全部搜索",
    "open the first result (no results: back to the list, the query kept)": "打开第一条结果（无结果时回到列表，保留搜索词）",
    "undo the last M: the articles it marked read are unread again": "撤销上一次 M：它标为已读的文章恢复未读",
    "Unread": "未读",
    "unread articles only / all articles": "只看未读 / 全部文章",
    "Star": "收藏",
    "star the open article, or remove its star (★ Starred, top of the sidebar)": "收藏打开的文章或取消收藏（见侧栏顶部 ★ 收藏）",
    "Related": "相关",
    "move to the related stories below the article (enter opens one)": "移到正文下方的相关报道（回车打开）",
    "Copy": "复制",
    "copy the open article to the clipboard": "把打开的文章复制到剪贴板",
    "Save": "保存",
    "save the open article as Markdown (asks for a path)": "把打开的文章存为 Markdown（询问路径）",
    "Pager": "分页器",
    "show the open article in $PAGER (less by default)": "在 $PAGER 中查看打开的文章（默认 less）",
    "Save search": "保存搜索",
    "save the search: it stays in the sidebar with its live count": "保存搜索：它留在侧栏，并显示实时篇数",
    "Save dialog": "保存对话框",
    "save to this path (an existing file only after a second enter)": "保存到此路径（已有文件须再按一次回车才覆盖）",
    "Cancel": "取消",
    "cancel": "取消",
    "unread (its title bold); counts in the sidebar are unread/total": "未读（标题加粗）；侧栏计数为 未读/总数",
    "the starred articles (s), top of the sidebar": "收藏的文章（s），在侧栏顶部",
    "a saved search (ctrl+s in the search box), with its count now": "保存的搜索（在搜索框按 ctrl+s），附当前篇数",
    "Starred": "收藏",
    "unread only": "只看未读",
    "undated": "日期不详",
    "Related stories": "相关报道",
    "No related stories for this article": "这篇文章没有相关报道",
    "This database cannot be written: read marks, stars and searches last for this session only":
        "此数据库不可写：已读标记、收藏和搜索只在本次会话中保留",
    "Nothing to save: type a search first": "没有可保存的内容：请先输入搜索",
    "Saved the search {name}: it is in the sidebar": "已保存搜索 {name}：见侧栏",
    "No article is open": "没有打开的文章",
    "Marked read": "已标为已读",
    "Marked unread": "已标为未读",
    "{n} articles marked read · U to undo": "已将 {n} 篇文章标为已读 · 按 U 撤销",
    "1 article marked read · U to undo": "已将 1 篇文章标为已读 · 按 U 撤销",
    "Every article of this list was read already": "此列表的文章都已读过",
    "Nothing to undo: U undoes the last M": "没有可撤销的：U 撤销上一次 M",
    "{n} articles unread again": "{n} 篇文章已恢复未读",
    "1 article unread again": "1 篇文章已恢复未读",
    "Unread articles only": "只看未读文章",
    "All articles, read or not": "显示全部文章",
    "Starred: see ★ Starred in the sidebar": "已收藏：见侧栏 ★ 收藏",
    "Star removed": "已取消收藏",
    "No earlier edition": "没有更早的一期",
    "No later edition": "没有更晚的一期",
    "Save as Markdown": "存为 Markdown",
    "enter: save · esc: cancel": "回车：保存 · esc：取消",
    "Give a file name": "请给出文件名",
    "No such folder: {path}": "没有这个文件夹：{path}",
    "{path} exists: enter again replaces it, esc keeps it": "{path} 已存在：再按回车覆盖，esc 保留",
    "Copied the article to the clipboard": "已把文章复制到剪贴板",
    "Cannot save {path}: {err}": "无法保存 {path}：{err}",
    "Saved {path}": "已保存 {path}",
    "This terminal cannot hand the screen to a pager": "此终端无法把屏幕交给分页器",
    "Cannot run {pager}: {err}": "无法运行 {pager}：{err}",
    "matched by pinyin: {reading}": "按拼音匹配：{reading}",
    # command palette
    "Toggle keyword highlighting": "切换关键词高亮",
    "Reload the seed pages": "重新载入样例版面",
    "load seeds/ again, in a separate process": "在单独的进程中重新载入 seeds/",
    "Show all districts": "显示全部区县",
    "District: {name}": "区县：{name}",
    "jump to the district": "跳到该区县",
    "Open: {title}": "打开：{title}",
    "Theme": "主题",
    "Change the colour theme": "更换配色主题",
    "Quit the reader": "退出阅读器",
    "Show every key": "显示所有按键",
    "Screenshot": "截图",
    "Save an SVG screenshot of the screen": "把屏幕保存为 SVG 截图",
    "Maximize": "最大化",
    "Maximize the focused pane": "最大化当前栏",
    "Minimize": "还原",
    "Restore the pane to its normal size": "把该栏恢复为正常大小",
}
