{#- Cover of the PDF (mkdocs-print-site-plugin `cover_page_template`). -#}
<div class="pdf-cover">
  <p class="pdf-cover__kicker">印刷・保存用</p>
  <h1 class="pdf-cover__title">{{ config.site_name }}</h1>
  {% if config.site_description %}<p class="pdf-cover__lead">{{ config.site_description }}</p>{% endif %}
  <p class="pdf-cover__date">手順の最終確認日: <time datetime="{{ config.extra.last_checked }}">{{ config.extra.last_checked }}</time></p>
  {% if config.site_url %}<p class="pdf-cover__url">最新版: {{ config.site_url }}</p>{% endif %}
  {% if config.copyright %}<p class="pdf-cover__note">{{ config.copyright }}</p>{% endif %}
</div>
