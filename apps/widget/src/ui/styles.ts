/**
 * The widget's CSS, scoped by its shadow root; `--c` is the tenant's color, `--fg` the text on it
 * and `--ci` the color as text on a light surface (both from contrast.ts, so any tenant color
 * meets WCAG AA). Sides are logical
 * (inline start/end), so `dir="rtl"` on the root mirrors everything: the launcher's corner, the
 * visitor's bubbles, the composer, the header.
 */
export const styles = `
:host{all:initial}
*{box-sizing:border-box}
.w{--c:#2563eb;--fg:#fff;--ci:#2563eb;position:fixed;bottom:20px;inset-inline-end:20px;z-index:2147483000;display:flex;flex-direction:column;align-items:flex-end;gap:12px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Apple SD Gothic Neo","Noto Sans KR",sans-serif;color:#111827}
.w.left{inset-inline-end:auto;inset-inline-start:20px;align-items:flex-start}
button{font:inherit;cursor:pointer}
:focus-visible{outline:2px solid var(--ci);outline-offset:2px}
.launcher{position:relative;display:flex;align-items:center;gap:8px;min-width:56px;height:56px;padding:0 16px;border:0;border-radius:28px;background:var(--c);color:var(--fg);box-shadow:0 6px 20px rgba(0,0,0,.2)}
.launcher svg{width:26px;height:26px;flex:none}
[dir=rtl] .launcher svg{transform:scaleX(-1)}
.badge{position:absolute;top:-4px;inset-inline-end:-4px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#dc2626;color:#fff;font-size:12px;font-weight:700;line-height:22px;text-align:center;border:2px solid #fff}
.left .badge{inset-inline-end:auto;inset-inline-start:-4px}
.panel{display:flex;flex-direction:column;width:370px;height:min(600px,calc(100vh - 110px));background:#fff;border-radius:16px;box-shadow:0 12px 40px rgba(0,0,0,.22);overflow:hidden}
.panel[hidden],[hidden]{display:none!important}
header{display:flex;align-items:center;gap:12px;padding:16px;background:var(--c);color:var(--fg)}
header div{flex:1;min-width:0;text-align:start}
h2{margin:0;font-size:16px;font-weight:600}
header p{margin:2px 0 0;font-size:12px}
.x{width:32px;height:32px;border:0;border-radius:8px;background:transparent;color:inherit;font-size:22px;line-height:1}
.x:hover{background:rgba(255,255,255,.18)}
header :focus-visible{outline-color:var(--fg)}
.banner{padding:8px 16px;background:#fef3c7;color:#78350f;font-size:13px}
.alert{margin:24px 16px;padding:12px 14px;border-radius:10px;background:#fee2e2;color:#7f1d1d}
.log{flex:1;overflow-y:auto;padding:16px;display:flex;flex-direction:column;gap:6px;background:#f9fafb}
.note{align-self:center;color:#6b7280;font-size:13px}
.earlier{align-self:center;border:0;background:none;color:var(--ci);font-size:13px;padding:4px}
.m{display:flex;flex-direction:column;align-items:flex-start;max-width:80%}
.m.mine{align-self:flex-end;align-items:flex-end}
.who{font-size:12px;color:#6b7280;margin:6px 4px 2px}
.b{padding:8px 12px;border-radius:16px;background:#fff;border:1px solid #e5e7eb;white-space:pre-wrap;overflow-wrap:anywhere}
.mine .b{background:var(--c);border-color:var(--c);color:var(--fg)}
.sending .b{background:#fff;border-style:dashed;border-color:var(--ci);color:#111827}
.failed .b{background:#fff;color:#b91c1c;border-color:#fca5a5}
.st{font-size:11px;color:#6b7280;margin:2px 4px}
.st button{border:0;background:none;color:#b91c1c;text-decoration:underline;padding:0;padding-inline-start:4px;font-size:11px}
.st.err{color:#b91c1c}
.b.del{background:#f3f4f6!important;border-color:#e5e7eb!important;color:#4b5563!important;font-style:italic}
.att{list-style:none;display:flex;flex-wrap:wrap;gap:4px;margin:4px 0 0;padding:0}
.att img{display:block;max-width:220px;height:auto;border-radius:8px;border:1px solid #e5e7eb}
.att a[download]{display:inline-block;padding:6px 10px;border:1px solid #d1d5db;border-radius:8px;color:#1f2937;background:#fff;font-size:13px}
.acts{display:flex;flex-wrap:wrap;align-items:center;gap:2px 8px;margin:2px 4px;font-size:12px;color:#374151}
.acts button{border:0;background:none;padding:2px;color:#374151;text-decoration:underline;font-size:12px}
.acts .save,.acts .yes{color:#b91c1c}.acts .save{color:#1f2937;font-weight:600}
.ef{display:flex;flex-direction:column;align-items:stretch;gap:2px;padding:0;border:0;min-width:220px}
.ef textarea{max-height:160px}
.typing{padding:0 16px 6px;min-height:20px;font-size:12px;color:#6b7280;background:#f9fafb}
form{display:flex;align-items:flex-end;gap:8px;padding:10px 12px;border-top:1px solid #e5e7eb}
textarea{flex:1;resize:none;max-height:120px;padding:8px 10px;border:1px solid #d1d5db;border-radius:10px;font:inherit;color:inherit;background:#fff}
textarea:focus{outline:none;border-color:var(--ci)}
[dir=rtl] textarea:placeholder-shown{direction:rtl}
.clip{flex:none;width:36px;height:36px;padding:6px;border:1px solid #d1d5db;border-radius:10px;background:#fff;color:#374151}
.clip svg{width:100%;height:100%}
.fnote{padding:0 16px;font-size:12px;color:#374151}.fnote:empty{display:none}
.go{flex:none;height:36px;padding:0 14px;border:0;border-radius:10px;background:var(--c);color:var(--fg);font-weight:600}
.sv{flex:0 1 auto;min-height:0;overflow:auto;max-height:70%}.sv form{display:block;padding:10px 12px;border-top:1px solid #e5e7eb}
.sv h3{margin:0 0 6px;font-size:15px}.sv .intro{margin:0 0 8px;color:#374151}
.fr{display:flex;flex-direction:column;gap:4px;margin-bottom:8px}.fr.ck{flex-direction:row;flex-wrap:wrap;align-items:center}
.fr input:not([type=checkbox]),.fr select{padding:7px 9px;border:1px solid #d1d5db;border-radius:8px;font:inherit}
[aria-invalid=true]{border-color:#b91c1c!important}
.fe{margin:0;color:#b91c1c;font-size:12px;width:100%}.fe:empty{display:none}
.rt fieldset{border:0;padding:0;margin:0 0 8px;display:flex;gap:2px;flex-wrap:wrap}.rt legend{font-weight:600;margin-bottom:4px}
.rt input[type=radio]{position:absolute;opacity:0;width:1px;height:1px}.rt label[for^=flc-rt-] [aria-hidden]{font-size:26px;color:#9ca3af;cursor:pointer}
.rt input:checked+label [aria-hidden]{color:#b45309}
.rt input:focus-visible+label{outline:2px solid var(--ci);border-radius:4px}
.rt textarea{width:100%;box-sizing:border-box;margin:4px 0 8px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.thanks{margin:0;padding:10px 16px;border-top:1px solid #e5e7eb;color:#065f46}
@media (max-width:480px){.w{bottom:12px;inset-inline-end:12px}.w.left{inset-inline-end:auto;inset-inline-start:12px}.panel{width:calc(100vw - 24px);height:calc(100vh - 96px)}}
@media (prefers-reduced-motion:no-preference){.panel{animation:up .16s ease-out}@keyframes up{from{opacity:0;transform:translateY(8px)}}}
`;
