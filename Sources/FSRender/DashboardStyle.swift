/// The dashboard's one stylesheet, inlined into every page (no external assets).
///
/// - Range tabs without JavaScript: empty anchors `#last-7-days`... sit first in `<body>`;
///   `:target` on one of them shows its panel (`.p-<id>`) and hides the default panel.
/// - Light and dark through `prefers-color-scheme`; print forces light colours, hides the
///   tabs and keeps cards and charts whole.
/// - Colours meet WCAG AA contrast for text on their backgrounds in both schemes.
enum DashboardStyle {
    /// - Parameter heatmap: include the busiest-times rules (only the index page has heatmaps).
    static func css(presets: [String], heatmap: Bool = false) -> String {
        var css = heatmap ? base + heat : base
        // Show the targeted panel, hide the default one when another is targeted.
        css += ".panel{display:none}.panel.default{display:block}.anchor:target~.page .panel.default{display:none}\n"
        css += presets.map { "#\($0):target~.page .p-\($0)" }.joined(separator: ",") + "{display:block}\n"
        return css
    }

    static let base = """
        :root{color-scheme:light dark;--bg:#f4f6f8;--card:#fff;--ink:#1f2328;--muted:#57606a;--line:#d0d7de;\
        --grid:#e8ebef;--link:#0a58b8;--chip:#e9edf1;--created:#2f6bd8;--resolved:#1a7f37;--responses:#7c4dd6;\
        --waiting:#b35900;--warnbg:#fff3e0;--hover:rgba(31,35,40,.07);--shadow:0 1px 2px rgba(31,35,40,.08)}
        @media (prefers-color-scheme:dark){:root{--bg:#0d1117;--card:#161b22;--ink:#e6edf3;--muted:#9da7b3;\
        --line:#30363d;--grid:#232a33;--link:#6cb6ff;--chip:#21262d;--created:#5b9bf5;--resolved:#3fb950;\
        --responses:#ab7df8;--waiting:#f0883e;--warnbg:#3a2611;--hover:rgba(240,246,252,.08);--shadow:none}}
        *{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%}
        body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,\
        "Helvetica Neue",Arial,sans-serif}
        a{color:var(--link)}
        a:focus-visible,summary:focus-visible{outline:2px solid var(--link);outline-offset:2px;border-radius:4px}
        .wrap{max-width:1200px;margin:0 auto;padding:0 20px}
        .masthead{background:var(--card);border-bottom:1px solid var(--line);padding:18px 0 14px}
        .masthead .wrap{display:flex;flex-wrap:wrap;align-items:flex-end;justify-content:space-between;gap:8px 24px}
        .eyebrow{margin:0;color:var(--muted);font-size:.8rem;letter-spacing:.04em;text-transform:uppercase}
        .eyebrow a{color:inherit}
        h1{margin:0;font-size:1.7rem;line-height:1.2;font-weight:700;display:flex;align-items:center;gap:12px}
        h2{font-size:1.25rem;margin:0 0 12px;line-height:1.3}
        h3,h4{font-size:1rem;margin:0}
        .rtimes{margin-bottom:18px}.rtimes>h3{margin:0 0 8px}
        .asof{margin:0;color:var(--muted);font-size:.875rem;text-align:right}
        .asof strong{color:var(--ink);font-weight:600}
        .banner{margin:16px auto 0;max-width:1160px;padding:10px 14px;border-radius:8px;border:1px solid var(--waiting);\
        background:var(--warnbg);color:var(--ink)}
        section{margin:26px 0}
        .sectionhead{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 14px;margin-bottom:12px}
        .sectionhead h2{margin:0}
        .range{color:var(--muted);font-size:.9rem}
        .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:12px}
        .card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 16px;box-shadow:var(--shadow);\
        border-top:3px solid var(--line)}
        .card .label{margin:0;color:var(--muted);font-size:.85rem;font-weight:500}
        .card .value{margin:2px 0 0;font-size:2rem;font-weight:700;line-height:1.15;font-variant-numeric:tabular-nums}
        .card .sub{margin:2px 0 0;color:var(--muted);font-size:.8rem}
        .card .chg{color:var(--ink)}
        .k-new{border-top-color:var(--waiting)}.k-active{border-top-color:var(--created)}
        .k-closed,.k-resolved{border-top-color:var(--resolved)}.k-responses{border-top-color:var(--responses)}
        .k-created{border-top-color:var(--created)}.k-waiting{border-top-color:var(--waiting)}
        .tabs{display:inline-flex;flex-wrap:wrap;gap:4px;padding:4px;margin:0 0 14px;background:var(--chip);border-radius:10px}
        .tabs a{padding:5px 12px;border-radius:7px;color:var(--ink);text-decoration:none;font-size:.9rem;font-weight:500}
        .tabs a:hover{background:var(--hover)}
        .tabs a[aria-current]{background:var(--card);box-shadow:0 1px 3px rgba(0,0,0,.18);font-weight:650}
        .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(330px,1fr));gap:12px;margin-top:12px;align-items:start}
        figure{margin:0;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 14px 10px;\
        box-shadow:var(--shadow);min-width:0}
        figcaption{display:flex;justify-content:space-between;align-items:baseline;gap:8px;margin-bottom:4px}
        figcaption .total{font-size:1.15rem;font-weight:700;font-variant-numeric:tabular-nums}
        figcaption .note{display:block;color:var(--muted);font-size:.8rem}
        svg.chart{display:block;width:100%;height:auto;overflow:visible}
        .chart text{fill:var(--muted);font-size:11px}
        .chart .yl text{text-anchor:end;font-variant-numeric:tabular-nums}
        .chart .xl text,.chart .bars text,.chart .empty{text-anchor:middle}
        .chart .bars text{fill:var(--ink);font-size:10px;font-weight:600}
        .chart .grid line{stroke:var(--grid)}
        .chart .axis{stroke:var(--muted);stroke-width:1}
        .chart .h{fill:inherit}.chart use{fill:transparent}
        .chart .bars g:hover use{fill:var(--hover)}
        .s-created rect{fill:var(--created)}.s-resolved rect{fill:var(--resolved)}.s-responses rect{fill:var(--responses)}
        .chart .p rect{fill-opacity:.45}
        .chart .avg{stroke:var(--ink);stroke-opacity:.55;stroke-dasharray:3 3}
        details{margin-top:6px;font-size:.85rem}
        summary{cursor:pointer;color:var(--link);width:max-content}
        details table{margin-top:6px}
        .downloads{font-size:.8rem;color:var(--muted);margin:6px 0 0}
        .downloads a{margin-right:8px}
        .tablecard{background:var(--card);border:1px solid var(--line);border-radius:10px;box-shadow:var(--shadow);\
        margin-top:12px;padding:12px 0 6px}
        .tablecard h3,.tablecard .downloads,.tablecard>p{padding:0 16px}
        .backlog>.charts,.backlog>details{padding:0 16px}
        .scroll{overflow-x:auto}
        table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
        th,td{padding:8px 12px;border-bottom:1px solid var(--line);text-align:left;vertical-align:middle}
        th{font-weight:400}
        thead th{font-size:.78rem;color:var(--muted);font-weight:600;text-transform:uppercase;letter-spacing:.03em;white-space:nowrap}
        tbody tr:last-child>*{border-bottom:0}
        tbody tr:hover{background:var(--hover)}
        .n{text-align:right;white-space:nowrap}
        td .sub{display:block;color:var(--muted);font-size:.75rem}
        .who{display:flex;align-items:center;gap:10px;min-width:180px}
        .who a{font-weight:600;text-decoration:none}
        .who a:hover{text-decoration:underline}
        .id{color:var(--muted);font-size:.75rem}
        .av{display:inline-grid;place-items:center;flex:none;width:32px;height:32px;border-radius:50%;font-size:.8rem;\
        font-weight:700;color:#fff;letter-spacing:.02em}
        h1 .av{width:48px;height:48px;font-size:1.1rem}
        .av0{background:#2f6bd8}.av1{background:#1a7f37}.av2{background:#7c4dd6}.av3{background:#b35900}
        .av4{background:#0f7a8a}.av5{background:#c0306b}.av6{background:#5b6b7c}.av7{background:#8a6d00}
        .bar{display:block;height:4px;margin-top:5px;border-radius:2px;background:var(--grid);min-width:72px}
        .bar i{display:block;height:100%;border-radius:2px;background:var(--responses)}
        .compare table{margin-top:6px}.compare th,.compare td{padding:6px 8px}.compare tbody th{width:55%}
        .pair{display:block;margin-top:4px}.pair i{display:block;height:4px;border-radius:2px;background:var(--muted);opacity:.5;margin-top:2px;min-width:2px}
        .pair i.me{background:var(--responses);opacity:1}
        .warm{color:var(--waiting);font-weight:600}
        .people{display:flex;flex-wrap:wrap;gap:8px;padding:0;margin:0;list-style:none}
        .people a{display:flex;align-items:center;gap:8px;padding:6px 12px 6px 6px;background:var(--card);border:1px solid var(--line);\
        border-radius:999px;text-decoration:none;color:var(--ink);font-weight:500}
        .people a:hover{border-color:var(--link)}
        .people .av{width:26px;height:26px;font-size:.7rem}
        .defs{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 20px;max-width:900px}
        .defs>p{margin-top:0}
        .defgroup h3{margin:18px 0 6px}
        .defgroup p{margin:0 0 6px;color:var(--muted)}
        dl{margin:0}dt{font-weight:650;margin-top:8px}dd{margin:0 0 0 0;color:var(--ink)}
        code{font:.85em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--chip);padding:1px 4px;border-radius:4px}
        footer{color:var(--muted);font-size:.8rem;border-top:1px solid var(--line);padding:16px 0 28px;margin-top:32px}
        .anchor{position:absolute;top:0}
        .sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
        @media (max-width:640px){body{font-size:14px}.wrap{padding:0 12px}h1{font-size:1.35rem}.asof{text-align:left}\
        .card .value{font-size:1.6rem}.cards{grid-template-columns:repeat(2,minmax(0,1fr));gap:8px}\
        .charts{grid-template-columns:minmax(0,1fr)}th,td{padding:7px 8px}.who{min-width:140px}}
        @media print{:root{--bg:#fff;--card:#fff;--ink:#000;--muted:#444;--line:#bbb;--grid:#ddd;--link:#000;--chip:#eee;\
        --hover:transparent;--shadow:none;--warnbg:#fff3e0}body{font-size:10.5pt}.tabs,.downloads,details,.people,footer a{display:none}\
        .masthead{border-bottom:2px solid #000}.card,figure,.tablecard,tr,.defgroup{break-inside:avoid}\
        .cards{grid-template-columns:repeat(auto-fit,minmax(120px,1fr))}\
        .charts{grid-template-columns:repeat(2,minmax(0,1fr))}a{text-decoration:none;color:inherit}\
        *{-webkit-print-color-adjust:exact;print-color-adjust:exact}}

        """

    /// Busiest-times heatmap: radio buttons switch the grids through `:checked` (no
    /// JavaScript); cell shades come in light and dark sets, text contrast AA on each.
    static let heat = """
        :root{--h1:#e3ecfb;--h2:#bcd2f6;--h3:#86aeef;--h4:#2a63c9;--h5:#183f8a;--hi:#1f2328;--ho:#fff}
        @media (prefers-color-scheme:dark){:root{--h1:#17233a;--h2:#1e3760;--h3:#27508f;--h4:#2f5fa8;--h5:#a9c9ff;\
        --hi:#e6edf3;--ho:#0d1117}}
        .heatwrap{padding:0 16px}
        .heatwrap .hs{position:absolute;opacity:0;width:1px;height:1px;margin:0}
        .heattabs{display:inline-flex;flex-wrap:wrap;gap:4px;padding:4px;margin:4px 0 10px;background:var(--chip);border-radius:10px}
        .heattabs label{padding:5px 12px;border-radius:7px;cursor:pointer;font-size:.9rem;font-weight:500}
        .heattabs label:hover{background:var(--hover)}
        .hs0:checked~.heattabs .l0,.hs1:checked~.heattabs .l1,.hs2:checked~.heattabs .l2{background:var(--card);\
        box-shadow:0 1px 3px rgba(0,0,0,.18);font-weight:650}
        .hs0:focus-visible~.heattabs .l0,.hs1:focus-visible~.heattabs .l1,.hs2:focus-visible~.heattabs .l2{\
        outline:2px solid var(--link);outline-offset:2px}
        .heatgrid{display:none}
        .hs0:checked~.hg0,.hs1:checked~.hg1,.hs2:checked~.hg2{display:block}
        table.heat th,table.heat td{padding:4px 5px;font-size:.72rem;border-bottom:1px solid var(--card)}
        table.heat td,table.heat thead th{min-width:26px;color:var(--hi);text-align:right}
        table.heat .h1{background:var(--h1)}.heat .h2{background:var(--h2)}.heat .h3{background:var(--h3)}
        table.heat .h4{background:var(--h4);color:var(--ho)}.heat .h5{background:var(--h5);color:var(--ho)}
        @media (prefers-color-scheme:dark){table.heat .h4{color:var(--hi)}}
        @media print{.heatgrid{display:block}.heattabs{display:none}}

        """
}
