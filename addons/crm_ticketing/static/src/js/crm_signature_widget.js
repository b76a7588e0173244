odoo.define('crm_ticketing.signature_widget', function (require) {
"use strict";
/**
 * A binary field the customer signs with the finger or the mouse (jSignature, shipped with Odoo): in edit mode
 * a signature pad with a Clear link, the value a PNG in base64; read-only the signature as an image.
 */
var AbstractField = require('web.AbstractField');
var core = require('web.core');
var fieldRegistry = require('web.field_registry');

var _t = core._t;

var CrmSignatureField = AbstractField.extend({
    className: 'o_field_crm_signature',
    supportedFieldTypes: ['binary'],
    events: _.extend({}, AbstractField.prototype.events, {
        'click .o_crm_signature_clear': '_onClear',
    }),

    _renderEdit: function () {
        this.$el.empty();
        this.$pad = $('<div class="o_crm_signature_pad" style="border: 1px solid #ccc; touch-action: none;"/>');
        var $clear = $('<a href="#" class="btn btn-xs btn-default o_crm_signature_clear pull-right"/>')
            .text(_t('Clear'));
        this.$el.append($clear, this.$pad);
        this._startPadWhenShown(this.$pad);
    },
    _renderReadonly: function () {
        this.$el.empty();
        if (this.value) {
            this.$el.append($('<img class="img img-responsive o_crm_signature_image"/>')
                .attr('src', 'data:image/png;base64,' + this.value));
        }
    },

    /**
     * jSignature sizes its canvas after its parent: start it once the dialog shows the field.
     */
    _startPadWhenShown: function ($pad) {
        var self = this;
        if (!$.contains(document.documentElement, $pad[0]) || !$pad.width()) {
            setTimeout(function () {
                if ($pad === self.$pad) {
                    self._startPadWhenShown($pad);
                }
            }, 50);
            return;
        }
        $pad.jSignature({'decor-color': '#D1D0CE', 'color': '#000', 'background-color': '#fff',
                         'height': '200px', 'width': '100%'});
        this.emptyImage = $pad.jSignature('getData', 'image')[1];
        $pad.on('change', this._onStroke.bind(this));
    },

    _onStroke: function () {
        var image = this.$pad.jSignature('getData', 'image')[1];
        this._setValue(image !== this.emptyImage ? image : false);
    },
    _onClear: function (ev) {
        ev.preventDefault();
        this.$pad.jSignature('reset');
        this._setValue(false);
    },
});

fieldRegistry.add('crm_signature', CrmSignatureField);

return CrmSignatureField;
});
