{#- Cover of the PDF (mkdocs-print-site-plugin `cover_page_template`), in the edition's language. -#}
{% set en = config.theme.language == "en" %}
<div class="pdf-cover">
  <p class="pdf-cover__kicker">{{ 'To print and keep' if en else '印刷・保存用' }}</p>
  <h1 class="pdf-cover__title">{{ config.site_name }}</h1>
  {% if config.site_description %}<p class="pdf-cover__lead">{{ config.site_description }}</p>{% endif %}
  {% if en %}
  <p class="pdf-cover__date">Where the screens come from: one customer's record of doing the procedure once (undated). The authors of this guide have not seen the real screens.</p>
  <p class="pdf-cover__date">The official pages were last read on: <time datetime="{{ config.extra.official_pages_read }}">{{ config.extra.official_pages_read }}</time></p>
  {% if config.site_url %}<p class="pdf-cover__url">Latest version: {{ config.site_url }}</p>{% endif %}
  {% else %}
  <p class="pdf-cover__date">画面の説明のもと: ある利用者が1回手続きした記録（日付の記載なし）。このガイドの作成者は実際の画面を見ていません。</p>
  <p class="pdf-cover__date">公式ページを最後に読んだ日: <time datetime="{{ config.extra.official_pages_read }}">{{ config.extra.official_pages_read }}</time></p>
  {% if config.site_url %}<p class="pdf-cover__url">最新版: {{ config.site_url }}</p>{% endif %}
  {% endif %}
  {% if config.copyright %}<p class="pdf-cover__note">{{ config.copyright }}</p>{% endif %}
</div>
