"""Contract: one definition per dataset; header spellings normalise to the aliases."""
import pytest

from analytics import schema


@pytest.mark.parametrize("header, dataset, field", [
    ("补偿金额（元）", "complaints", "compensation_amount"),
    ("补偿金额(元)", "complaints", "compensation_amount"),
    ("等候时长(分钟)", "surveys", "wait_minutes"),
    ("等候时长（分钟）", "surveys", "wait_minutes"),
    ("推荐意愿(0-10分)", "surveys", "recommend_score"),
    ("总体满意度\n(1-5分)", "surveys", "score"),
    (" 工单 编号 ", "complaints", "ticket_id"),
    ("工单\r\n编号", "complaints", "ticket_id"),
    ("Ticket_ID", "complaints", "ticket_id"),
    ("HALL CODE", "sales", "hall_code"),
    ("营业厅编码：", "halls", "hall_code"),
    ("【营收金额】", "sales", None),  # a bracket around the whole name leaves nothing: not recognised
])
def test_header_forms_normalise_to_their_alias(header, dataset, field):
    assert schema.alias_index(schema.DATASETS[dataset]).get(schema.normalise_header(header)) == field


@pytest.mark.parametrize("text, scale", [
    ("1-5分", "five"), ("0-10分", "ten"), ("五分制", "five"), ("三分制", "sms3"), ("sms3", "sms3"),
    ("10分制", "ten"), ("分钟", None), (None, None),
])
def test_scales_are_read_from_declarations(text, scale):
    assert schema.scale_from_text(text) == scale


def test_every_dataset_is_well_formed():
    for ds in schema.DATASETS.values():
        names = ds.field_names
        assert len(names) == len(set(names)), ds.name
        assert set(ds.key) <= set(names) and set(ds.required_fields) <= set(names)
        assert ds.date_field in names
        index = schema.alias_index(ds)
        for f in ds.source_fields:  # every field is reachable by its own labels
            assert index[schema.normalise_header(f.label_zh)] == f.name, (ds.name, f.name)
            assert index[schema.normalise_header(f.name)] == f.name


def test_scales_normalise_best_to_100_and_worst_to_0():
    for scale in schema.SCALES.values():
        best, worst = (scale.minimum, scale.maximum) if scale.best_is_low else (scale.maximum, scale.minimum)
        assert scale.to_100(best) == 100 and scale.to_100(worst) == 0
