// The public check page: one indicator or one message at a time, answered in English or
// Traditional Chinese. Every text of the page is here; the advice comes from the service.
(function () {
  "use strict";

  const STRINGS = {
    en: {
      title: "Check before you pay",
      intro: "Check a phone number, bank account, payment ID, link, email, crypto wallet or online account against scam reports, or paste a message you received.",
      kindLabel: "What do you want to check?",
      kindPhone: "Phone number",
      kindAccount: "Bank account (bank code:number)",
      kindProxy: "Payment ID (phone:, email: or fps-id:)",
      kindUrl: "Link (website address)",
      kindEmail: "Email address",
      kindWallet: "Crypto wallet",
      kindHandle: "Online account (platform:name)",
      valueLabel: "Number, account or link",
      check: "Check",
      messageLabel: "Or paste a message (SMS, WhatsApp, email)",
      checkMessage: "Check message",
      noRecordNote: "\"No record\" never means safe: new scams use numbers and links nobody has reported yet.",
      emergency: "If you have been tricked, call your bank on the number printed on your card, and report to the police.",
      language: "中文",
      checking: "Checking…",
      empty: "Type what you want to check first.",
      invalid: "This does not look like a valid entry of that type. Check it and try again.",
      busy: "Too many checks from your connection. Try again in {seconds} seconds.",
      failed: "The check could not be done. Try again later.",
      risk: { high: "High risk", medium: "Suspicious", low: "Take care", "no-record": "No record" },
      lookalike: "This link imitates {brand}.",
      reportedNumber: "A number in this message: {risk}.",
      reportedLink: "A link in this message: {risk}.",
    },
    "zh-Hant": {
      title: "付款前先查證",
      intro: "查核電話號碼、銀行戶口、轉數快識別代號、連結、電郵、加密貨幣錢包或網上帳戶是否曾被舉報涉及詐騙，或貼上你收到的訊息。",
      kindLabel: "你想查核甚麼？",
      kindPhone: "電話號碼",
      kindAccount: "銀行戶口（銀行編號:戶口號碼）",
      kindProxy: "轉數快識別代號（phone:、email: 或 fps-id:）",
      kindUrl: "連結（網址）",
      kindEmail: "電郵地址",
      kindWallet: "加密貨幣錢包",
      kindHandle: "網上帳戶（平台:名稱）",
      valueLabel: "號碼、戶口或連結",
      check: "查核",
      messageLabel: "或貼上訊息（短訊、WhatsApp、電郵）",
      checkMessage: "查核訊息",
      noRecordNote: "「沒有紀錄」絕不代表安全：新騙案往往使用未被舉報的號碼和連結。",
      emergency: "如你懷疑受騙，請致電你銀行卡上印有的號碼，並向警方報案。",
      language: "English",
      checking: "查核中…",
      empty: "請先輸入要查核的內容。",
      invalid: "輸入的內容似乎不是有效的格式，請檢查後再試。",
      busy: "你的網絡連線查核次數過多，請於 {seconds} 秒後再試。",
      failed: "暫時未能完成查核，請稍後再試。",
      risk: { high: "高風險", medium: "可疑", low: "請小心", "no-record": "沒有紀錄" },
      lookalike: "此連結模仿 {brand}。",
      reportedNumber: "訊息中的電話號碼：{risk}。",
      reportedLink: "訊息中的連結：{risk}。",
    },
  };

  const $ = (id) => document.getElementById(id);
  let language = (navigator.language || "en").toLowerCase().startsWith("zh") ? "zh-Hant" : "en";
  let last = null;

  function t(key) {
    return STRINGS[language][key];
  }

  function applyLanguage() {
    document.documentElement.lang = language;
    document.title = t("title");
    document.querySelectorAll("[data-t]").forEach((el) => {
      el.textContent = t(el.getAttribute("data-t"));
    });
    const toggle = $("language");
    toggle.textContent = t("language");
    toggle.lang = language === "en" ? "zh-Hant" : "en";
    if (last) {
      show(last.kind, last.body);
    }
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));
  }

  function showError(text) {
    $("result").hidden = true;
    const error = $("error");
    error.textContent = text;
    error.hidden = false;
  }

  function show(kind, body) {
    last = { kind: kind, body: body };
    $("error").hidden = true;
    const risk = $("risk");
    risk.textContent = t("risk")[body.risk] || body.risk;
    risk.className = "risk risk-" + body.risk;
    risk.setAttribute("data-risk", body.risk);
    $("advice").textContent = (body.warning && body.warning[language]) || "";
    const details = $("details");
    details.replaceChildren();
    const add = (text) => {
      const li = document.createElement("li");
      li.textContent = text;
      details.appendChild(li);
    };
    const lookalike = (l) => {
      const reasons = (l && l.reasons) || {};
      for (const r of ["confusable", "typosquat", "brand-in-domain", "brand-in-subdomain", "tld-swap"]) {
        if (reasons[r]) {
          add(fill(t("lookalike"), { brand: reasons[r] }));
          return;
        }
      }
    };
    if (kind === "message") {
      (body.phones || []).filter((p) => p.risk !== "no-record").forEach((p) => add(fill(t("reportedNumber"), { risk: t("risk")[p.risk] })));
      (body.links || []).forEach((l) => {
        if (l.risk !== "no-record") {
          add(fill(t("reportedLink"), { risk: t("risk")[l.risk] }));
        }
        lookalike(l.lookalike);
      });
    } else {
      lookalike(body.lookalike);
    }
    $("result").hidden = false;
  }

  async function send(path, payload, kind, button) {
    button.disabled = true;
    const label = button.textContent;
    button.textContent = t("checking");
    try {
      const response = await fetch(path, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(payload),
      });
      if (response.status === 429) {
        showError(fill(t("busy"), { seconds: response.headers.get("Retry-After") || "60" }));
      } else if (response.status === 400) {
        showError(t("invalid"));
      } else if (!response.ok) {
        showError(t("failed"));
      } else {
        show(kind, await response.json());
      }
    } catch (offline) {
      showError(t("failed"));
    } finally {
      button.disabled = false;
      button.textContent = label;
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    applyLanguage();
    $("language").addEventListener("click", () => {
      language = language === "en" ? "zh-Hant" : "en";
      applyLanguage();
    });
    $("check-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const value = $("value").value.trim();
      if (!value) {
        showError(t("empty"));
        return;
      }
      send("/public/checks", { kind: $("kind").value, value: value }, "indicator", $("check-button"));
    });
    $("message-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const text = $("message").value.trim();
      if (!text) {
        showError(t("empty"));
        return;
      }
      send("/public/messages", { text: text }, "message", $("message-button"));
    });
  });
})();
