/**
 * The interactive API reference at `/v1/docs`: one self-contained HTML page (no CDN — servers may
 * have no internet) that reads `/v1/openapi.json`, lists every operation with its parameters,
 * roles and responses, and can send a request with an API key.
 */

/** The page. Static: everything it shows comes from the OpenAPI document at run time. */
export const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>budget-ledger API reference</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#222}header{background:#1f3a5f;color:#fff;padding:12px 20px}
main{max-width:1100px;margin:0 auto;padding:16px}h2{border-bottom:1px solid #ccc;padding-bottom:4px}
details{border:1px solid #ddd;border-radius:6px;margin:8px 0;padding:6px 10px}summary{cursor:pointer}
.m{display:inline-block;width:60px;font-weight:bold;text-transform:uppercase}.get{color:#176}.post{color:#714}.delete{color:#a00}
code,pre,textarea,input{font:12px ui-monospace,monospace}pre{background:#f6f6f6;padding:8px;overflow:auto;max-height:400px}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:2px 6px;text-align:left}.roles{color:#666}
</style></head><body>
<header><strong>budget-ledger</strong> API reference — <a style="color:#cde" href="/v1/openapi.json">openapi.json</a></header>
<main><p>API key: <input id="key" size="70" placeholder="blk_…"> (sent as <code>Authorization: Bearer</code>)</p><div id="ops">loading…</div></main>
<script>
const esc=(s)=>String(s).replace(/[&<>"]/g,(c)=>({"&":"&amp;","<":"&lt;",">":"&gt;",'"':"&quot;"}[c]));
async function main(){
  const doc=await (await fetch("/v1/openapi.json")).json();
  const byTag={};
  for(const [path,ops] of Object.entries(doc.paths))for(const [method,op] of Object.entries(ops))(byTag[op.tags[0]]??=[]).push({path,method,op});
  const out=[];let n=0;
  for(const [tag,list] of Object.entries(byTag)){
    out.push("<h2>"+esc(tag)+"</h2>");
    for(const {path,method,op} of list){
      const id="op"+(n++);const ps=op.parameters??[];
      out.push('<details><summary><span class="m '+method+'">'+method+"</span><code>"+esc(path)+"</code> — "+esc(op.summary)+' <span class="roles">['+esc((op["x-roles"]??[]).join(", "))+"]</span></summary>"+
        (op.description?"<p>"+esc(op.description)+"</p>":"")+
        (ps.length?"<table><tr><th>name</th><th>in</th><th>required</th><th>value</th></tr>"+ps.map((p)=>"<tr><td>"+esc(p.name)+"</td><td>"+p.in+"</td><td>"+(p.required?"yes":"")+'</td><td><input data-op="'+id+'" data-in="'+p.in+'" data-name="'+esc(p.name)+'"></td></tr>').join("")+"</table>":"")+
        (op.requestBody?'<p>body ('+esc(Object.keys(op.requestBody.content)[0])+'):</p><textarea id="'+id+'-body" rows="6" cols="100"></textarea>':"")+
        "<p>responses: "+Object.entries(op.responses).map(([s,r])=>"<b>"+s+"</b> "+esc(r.description)).join(" · ")+"</p>"+
        '<button data-send="'+id+'" data-path="'+esc(path)+'" data-method="'+method+'" data-ct="'+esc(op.requestBody?Object.keys(op.requestBody.content)[0]:"")+'">send</button><pre id="'+id+'-out"></pre></details>');
    }
  }
  document.getElementById("ops").innerHTML=out.join("");
  document.querySelectorAll("button[data-send]").forEach((b)=>b.onclick=async()=>{
    const id=b.dataset.send;let path=b.dataset.path;const q=new URLSearchParams();const h={};
    document.querySelectorAll('input[data-op="'+id+'"]').forEach((i)=>{if(!i.value)return;if(i.dataset.in==="path")path=path.replace("{"+i.dataset.name+"}",encodeURIComponent(i.value));else if(i.dataset.in==="query")q.set(i.dataset.name,i.value);else h[i.dataset.name]=i.value;});
    const key=document.getElementById("key").value;if(key)h.authorization="Bearer "+key;
    const body=document.getElementById(id+"-body");if(body){h["content-type"]=b.dataset.ct;}
    const r=await fetch(path+(q.size?"?"+q:""),{method:b.dataset.method.toUpperCase(),headers:h,body:body?body.value:undefined});
    const t=await r.text();document.getElementById(id+"-out").textContent=r.status+" "+r.statusText+"\\n"+[...r.headers].map(([k,v])=>k+": "+v).join("\\n")+"\\n\\n"+t.slice(0,20000);
  });
}
main().catch((e)=>{document.getElementById("ops").textContent=String(e)});
</script></body></html>`
